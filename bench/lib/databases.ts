import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from './server';

export type DbKind = 'pglite' | 'postgres';
export const ALL_DBS: DbKind[] = ['pglite', 'postgres'];

/** Which databases to run: BENCH_DB=pglite,postgres (default both). */
export function selectedDbs(): DbKind[] {
  const raw = process.env.BENCH_DB?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!raw?.length) return ALL_DBS;
  for (const d of raw) if (!ALL_DBS.includes(d as DbKind)) throw new Error(`BENCH_DB: unknown database "${d}" (use ${ALL_DBS.join(', ')})`);
  return raw as DbKind[];
}

export function postgresBaseUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** A throw-away place for one run: a temp data dir for PGlite, a fresh database for PostgreSQL. */
export interface BenchDatabase {
  kind: DbKind;
  /** Environment for the server process. */
  env: Record<string, string>;
  dataDir: string;
  databaseUrl: string | null;
  /** Runs a query against the benchmark database (PGlite: only while no server holds the directory). */
  query<T extends Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  serverVersion(): Promise<string>;
  dispose(): Promise<void>;
}

export async function prepareDatabase(kind: DbKind, label: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `shouhou-bench-${label}-`));
  if (kind === 'pglite') {
    return {
      kind,
      env: { SHOUHOU_DATA_DIR: dataDir, DATABASE_URL: '' },
      dataDir,
      databaseUrl: null,
      async query<T>(sqlText: string, params?: unknown[]) {
        // Opened with the server's own extension set, as PGlite requires for the same directory.
        const { openPglite } = await import('../../src/db/client');
        const db = await openPglite(join(dataDir, 'pglite'));
        try {
          return (await db.exec(sqlText, params)).rows as T[];
        } finally {
          await db.close();
        }
      },
      async serverVersion() {
        const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
        return `PGlite ${pkg.version}`;
      },
      async dispose() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = postgresBaseUrl();
  const name = `shouhou_bench_${process.pid}_${label.replace(/\W/g, '_')}`.toLowerCase();
  const admin = new pg.Client({ connectionString: base });
  try {
    await admin.connect();
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`PostgreSQL not reachable at ${base} (set BENCH_DATABASE_URL): ${String(err)}`, { cause: err });
  }
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined); // dropping the database (with force) ends idle connections
  return {
    kind,
    env: { SHOUHOU_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    dataDir,
    databaseUrl,
    async query<T>(sqlText: string, params?: unknown[]) {
      return (await pool.query(sqlText, params)).rows as T[];
    },
    async serverVersion() {
      const r = await admin.query<{ v: string }>(`select current_setting('server_version') as v`);
      return `PostgreSQL ${r.rows[0]!.v}`;
    },
    async dispose() {
      await pool.end().catch(() => undefined);
      // BENCH_KEEP_DB=1 leaves the database for a look afterwards (EXPLAIN, pgbench by hand).
      if (process.env.BENCH_KEEP_DB === '1') {
        console.log(`  kept database ${name} (BENCH_KEEP_DB=1)`);
        await admin.end().catch(() => undefined);
        return;
      }
      await admin.query(`drop database if exists ${name} with (force)`).catch((err) => console.error(`could not drop ${name}: ${String(err)}`));
      await admin.end().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
