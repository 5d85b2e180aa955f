import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from './machine';
import { ROOT } from './server';
import { meets, type SuiteResult } from './suite';

export const RESULTS_DIR = join(ROOT, 'bench', 'results');

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** Writes bench/results/<timestamp>-<suite>-<db>.json and merges the result into latest.json. */
export function saveResult(machine: MachineInfo, r: SuiteResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${stamp(new Date(r.startedAt))}-${r.suite}-${r.db}.json`);
  writeFileSync(file, `${JSON.stringify({ machine, ...r }, null, 2)}\n`);
  const latestFile = join(RESULTS_DIR, 'latest.json');
  let latest: { updatedAt: string; machine: MachineInfo; results: Record<string, SuiteResult> } = { updatedAt: '', machine, results: {} };
  if (existsSync(latestFile)) {
    try {
      latest = JSON.parse(readFileSync(latestFile, 'utf8'));
    } catch {
      // unreadable: start over
    }
  }
  latest.updatedAt = new Date().toISOString();
  latest.machine = machine;
  latest.results = { ...latest.results, [`${r.suite}/${r.db}`]: r };
  writeFileSync(latestFile, `${JSON.stringify(latest, null, 2)}\n`);
  return file;
}

function fmt(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2);
}

/** A plain-text table: one row per (suite, db, metric). */
export function printTable(results: SuiteResult[]): string {
  const rows: string[][] = [['suite', 'database', 'metric', 'value', 'target', 'meets']];
  for (const r of results) {
    for (const [name, m] of Object.entries(r.metrics)) {
      const ok = meets(m);
      rows.push([
        r.suite,
        r.database,
        name,
        `${fmt(m.value)} ${m.unit}`,
        m.target ? `${m.target.op} ${fmt(m.target.value)} ${m.unit}` : '',
        ok === null ? '' : ok ? 'yes' : 'NO',
      ]);
    }
    rows.push([r.suite, r.database, 'checks', r.ok ? 'passed' : 'FAILED', '', r.ok ? 'yes' : 'NO']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  const line = (row: string[]) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
