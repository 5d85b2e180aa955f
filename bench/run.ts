// npm run bench [-- <suite> …]   — runs the benchmark suites in bench/suites/ (all by default).
// Suites: tickets (HTTP ticket creation), sla-due-times (pure due-time arithmetic), sla-breach
// (breach-recording latency and scheduler cost with 100,000 open tickets), web (initial JS transferred and
// queue render time in chromium), scale (queues, deep pages, search and the ticket page on 1,000,000
// generated tickets: SCALE_TICKETS, SCALE_TICKETS_PGLITE, SCALE_SAMPLES); all are discovered in bench/suites/.
// Environment: BENCH_SECONDS (default 15), BENCH_CONNECTIONS (default 32), BENCH_DB=pglite,postgres,
// BENCH_DATABASE_URL (PostgreSQL server to create the throw-away database on), BENCH_PROFILE=1
// (write a CPU profile of the server to bench/profiles/), BENCH_SAVE=0 (do not write results).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { selectedDbs } from './lib/databases';
import { machineInfo } from './lib/machine';
import { printTable, RESULTS_DIR, saveResult } from './lib/report';
import { ROOT } from './lib/server';
import type { BenchSuite, RunTarget, SuiteResult } from './lib/suite';

async function loadSuites(): Promise<BenchSuite[]> {
  const dir = join(ROOT, 'bench', 'suites');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const suites: BenchSuite[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default?: BenchSuite };
    if (mod.default?.name) suites.push(mod.default);
  }
  return suites;
}

async function main() {
  const all = await loadSuites();
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (process.argv.includes('--list')) {
    for (const s of all) console.log(`${s.name.padEnd(16)} ${s.description}`);
    return;
  }
  const unknown = wanted.filter((w) => !all.some((s) => s.name === w));
  if (unknown.length) throw new Error(`unknown suite(s): ${unknown.join(', ')}; available: ${all.map((s) => s.name).join(', ')}`);
  const suites = wanted.length ? all.filter((s) => wanted.includes(s.name)) : all;
  const machine = machineInfo();
  const ctx = {
    machine,
    seconds: Number(process.env.BENCH_SECONDS ?? 15),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
    log: (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`),
  };
  console.log(`shouhou bench — ${machine.nproc} CPU (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, commit ${machine.commit ?? '?'}`);
  const results: SuiteResult[] = [];
  let failed = false;
  for (const suite of suites) {
    // A pure suite (dbs: []) runs once, in this process, with target 'pure'.
    const targets: RunTarget[] = suite.dbs.length ? selectedDbs().filter((d) => suite.dbs.includes(d)) : ['pure'];
    for (const db of targets) {
      ctx.log(`▶ ${suite.name}${db === 'pure' ? '' : ` on ${db}`}: ${suite.description}`);
      try {
        const r = await suite.run(db, ctx);
        results.push(r);
        if (!r.ok) failed = true;
        if (process.env.BENCH_SAVE !== '0') ctx.log(`  wrote ${saveResult(machine, r).slice(ROOT.length + 1)}`);
      } catch (err) {
        failed = true;
        console.error(`✗ ${suite.name} on ${db} failed: ${err instanceof Error ? err.stack : String(err)}`);
      }
    }
  }
  if (results.length) {
    console.log(`\n${printTable(results)}\n`);
    for (const r of results) for (const n of r.notes) console.log(`  ${r.suite}/${r.db}: ${n}`);
    if (process.env.BENCH_SAVE !== '0')
      console.log(`\nresults in ${RESULTS_DIR.slice(ROOT.length + 1)}/ (latest.json holds the newest run of each suite/database)`);
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
