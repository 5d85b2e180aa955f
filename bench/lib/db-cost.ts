import pg from 'pg';
import { openPostgres, type Database } from '../../src/db/client';
import { type BenchDatabase } from './databases';
import { r2 } from './sla-seed';

// Database cost of the scheduler for bench/suites/sla-breach.ts: EXPLAIN and pg_stat_database deltas.
export function openSeedDb(bench: BenchDatabase): Database {
  // One connection: EXPLAIN ANALYZE runs between BEGIN and ROLLBACK, which must share a session.
  return openPostgres(bench.databaseUrl!, 1);
}

export interface ExplainStat {
  statement: string;
  ms: number;
  buffers: number;
  executionBuffers: number;
  planningBuffers: number;
  rows: number;
  plan: string;
}

/** EXPLAIN (ANALYZE, BUFFERS) inside a rolled-back transaction; the best of `runs` (the first warms the cache). */
export async function explain(db: Database, statement: string, sqlText: string, params: unknown[], runs = 3): Promise<ExplainStat> {
  let best: ExplainStat | null = null;
  for (let i = 0; i < runs; i++) {
    await db.exec('begin');
    try {
      const res = await db.exec(`explain (analyze, buffers, format json) ${sqlText}`, params);
      const raw = res.rows[0]!['QUERY PLAN'];
      const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: Record<string, unknown>; 'Execution Time': number; 'Planning Time': number }];
      const plan = doc[0].Plan;
      const buffers = Number(plan['Shared Hit Blocks'] ?? 0) + Number(plan['Shared Read Blocks'] ?? 0);
      const planning = (doc[0] as unknown as { Planning?: Record<string, number> }).Planning ?? {};
      const planningBuffers = Number(planning['Shared Hit Blocks'] ?? 0) + Number(planning['Shared Read Blocks'] ?? 0);
      const ms = doc[0]['Execution Time'] + doc[0]['Planning Time'];
      const stat = {
        statement,
        ms: r2(ms),
        buffers: buffers + planningBuffers,
        executionBuffers: buffers,
        planningBuffers,
        rows: Number(plan['Actual Rows'] ?? 0),
        plan: summarisePlan(plan),
      };
      if (!best || stat.ms < best.ms) best = stat;
    } finally {
      await db.exec('rollback');
    }
  }
  return best!;
}

export function summarisePlan(p: Record<string, unknown>): string {
  const name = `${p['Node Type']}${p['Index Name'] ? ` using ${p['Index Name']}` : ''}${p['Relation Name'] && !p['Index Name'] ? ` on ${p['Relation Name']}` : ''}`;
  const kids = (p.Plans as Record<string, unknown>[] | undefined) ?? [];
  return kids.length ? `${name} → ${kids.map(summarisePlan).join(', ')}` : name;
}

export interface DbDelta {
  xacts: number;
  blksHit: number;
  blksRead: number;
  tupReturned: number;
  tupFetched: number;
  tupUpdated: number;
  tupInserted: number;
}
export interface DbStats {
  xact: number;
  blksHit: number;
  blksRead: number;
  tupReturned: number;
  tupFetched: number;
  tupUpdated: number;
  tupInserted: number;
  at: number;
}

export async function dbStats(client: pg.Client): Promise<DbStats> {
  const r = await client.query<Record<string, string>>(
    `select xact_commit + xact_rollback as xact, blks_hit, blks_read, tup_returned, tup_fetched, tup_updated, tup_inserted
       from pg_stat_database where datname = current_database()`,
  );
  const x = r.rows[0]!;
  return {
    xact: Number(x.xact),
    blksHit: Number(x.blks_hit),
    blksRead: Number(x.blks_read),
    tupReturned: Number(x.tup_returned),
    tupFetched: Number(x.tup_fetched),
    tupUpdated: Number(x.tup_updated),
    tupInserted: Number(x.tup_inserted),
    at: Date.now(),
  };
}
