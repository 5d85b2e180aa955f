import { spawn } from 'node:child_process';
import type { Config } from '../../config';
import { systemClock } from '../../context';
import { migrateDatabase } from '../../db/migrate';
import { OpsError } from '../../ops/process';
import { createContext, loadServerKeys, openDatabase } from '../../server';
import { analyze, generateScaleData, type GenerateOptions, type GenerateReport } from './generate';

export const GENERATE_USAGE = `  generate [--tickets N] [--seed S] [--parallel P]
                   adds a realistic after-sales history of N tickets (default 1,000,000) over two years
                   to the database (DATABASE_URL, else the embedded one; its server must be stopped);
                   P processes (PostgreSQL only) share the tickets`;

interface Args {
  tickets: number;
  seed: number;
  parallel: number;
  /** Internal: one part of a parallel run (`--part i/P --now ms --offset n`). */
  part: { index: number; of: number } | null;
  now: number | null;
  offset: number | null;
}

function parseArgs(args: string[]): Args {
  const out: Args = { tickets: 1_000_000, seed: 20261130, parallel: 1, part: null, now: null, offset: null };
  const bad = () => new OpsError(`用法 / usage: npm run cli -- generate [--tickets N] [--seed S] [--parallel P] (got ${args.join(' ')})`);
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (!value) throw bad();
    if (flag === '--part') {
      const m = /^(\d+)\/(\d+)$/.exec(value);
      if (!m) throw bad();
      out.part = { index: Number(m[1]), of: Number(m[2]) };
      continue;
    }
    const n = Number(value.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 0) throw bad();
    if (flag === '--tickets' && n <= 20_000_000) out.tickets = n;
    else if (flag === '--seed') out.seed = n;
    else if (flag === '--parallel' && n >= 1 && n <= 8) out.parallel = n;
    else if (flag === '--now') out.now = n;
    else if (flag === '--offset') out.offset = n;
    else throw bad();
  }
  return out;
}

/** The parts of a parallel run, each a child process of this CLI; their lines are passed on with a prefix. */
function runParts(a: Args, cast: GenerateReport, out: (line: string) => void): Promise<void> {
  const parts = Array.from({ length: a.parallel }, (_, index) => {
    const argv = [
      'generate',
      '--tickets',
      String(a.tickets),
      '--seed',
      String(a.seed),
      '--part',
      `${index}/${a.parallel}`,
      '--now',
      String(cast.now),
      '--offset',
      String(cast.offset),
    ];
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...argv], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-2000);
      for (const line of d.toString().split('\n')) if (line.trim()) out(`  [${index + 1}/${a.parallel}] ${line.trim()}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    return new Promise<void>((ok, fail) => child.on('exit', (code) => (code === 0 ? ok() : fail(new OpsError(`part ${index + 1} exited ${code}: ${tail}`)))));
  });
  return Promise.all(parts).then(() => undefined);
}

/** `cli generate`: migrations first, then the history; the key is the server's (made here only for an empty database). */
export async function generateCommand(config: Config, args: string[], out: (line: string) => void): Promise<number> {
  const a = parseArgs(args);
  const { database, release } = await openDatabase(config);
  try {
    await migrateDatabase(database);
    const ctx = createContext(database, config, systemClock, await loadServerKeys(database, config.dataDir));
    const base: GenerateOptions = { tickets: a.tickets, seed: a.seed, log: out };
    if (a.part) {
      const r = await generateScaleData(ctx, { ...base, phase: { kind: 'tickets', ...a.part, now: a.now ?? Date.now(), offset: a.offset ?? 0 } });
      out(`part done: ${r.tickets.toLocaleString('en-US')} tickets in ${r.seconds.toFixed(1)} s`);
      return 0;
    }
    let r: GenerateReport;
    if (a.parallel > 1 && database.kind === 'postgres') {
      const t0 = Date.now();
      const cast = await generateScaleData(ctx, { ...base, phase: { kind: 'cast' } });
      await runParts(a, cast, out);
      await analyze(database);
      const c = await database.exec(
        `select (select count(*)::int from events) as events, (select count(*)::int from tickets where received_at >= to_timestamp($1 / 1000.0) - interval '731 days') as tickets`,
        [cast.now],
      );
      r = { ...cast, tickets: Number(c.rows[0]!.tickets), events: Number(c.rows[0]!.events), seconds: (Date.now() - t0) / 1000, byStatus: {} };
    } else r = await generateScaleData(ctx, base);
    const status = Object.entries(r.byStatus)
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
      .join(', ');
    out(
      `OK: ${r.tickets.toLocaleString('en-US')} tickets${status ? ` (${r.open.toLocaleString('en-US')} open: ${status})` : ''}, ${r.customers.toLocaleString('en-US')} customers, ` +
        `${r.units.toLocaleString('en-US')} units in ${r.seconds.toFixed(1)} s; the database now holds ${r.events.toLocaleString('en-US')} events`,
    );
    return 0;
  } finally {
    await database.close();
    await release();
  }
}
