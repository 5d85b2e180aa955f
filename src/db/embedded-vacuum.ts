import type { Database } from './client';

/**
 * 自动清理 Autovacuum for the embedded database. PGlite runs PostgreSQL in single-user mode, which has
 * no autovacuum worker: left alone, every update's old row versions stay (tables and their fifteen-odd
 * indexes only grow), the visibility map is never set (no index-only scans), the search indexes' GIN
 * pending lists are merged only by the insert that overflows them (a stall for that request) and
 * searched row by row until then, and the planner never gets statistics. This applies PostgreSQL's own
 * autovacuum rules to the cumulative statistics, table by table, with the thresholds in force (an admin
 * tunes them with the usual settings). A PostgreSQL server does this itself: nothing is done there.
 */

/** A table's activity since its last vacuum and analyze (pg_stat_user_tables, pg_class.reltuples). */
export interface TableActivity {
  table: string;
  /** Rows as of the last vacuum or analyze (reltuples); what autovacuum scales its thresholds by. */
  rows: number;
  deadRows: number;
  insertedSinceVacuum: number;
  modifiedSinceAnalyze: number;
  /** The table's own autovacuum storage parameters (ALTER TABLE … SET (autovacuum_…)), as pg_class.reloptions. */
  options?: readonly string[] | null;
}

/** autovacuum_* settings (PostgreSQL's names without the prefix). */
export interface AutovacuumSettings {
  vacuumThreshold: number;
  vacuumScaleFactor: number;
  vacuumInsertThreshold: number;
  vacuumInsertScaleFactor: number;
  analyzeThreshold: number;
  analyzeScaleFactor: number;
}

export interface Upkeep {
  table: string;
  vacuum: boolean;
  analyze: boolean;
}

/**
 * The tables autovacuum would vacuum and/or analyze now: PostgreSQL 15 documentation §25.1.6 ("The
 * Autovacuum Daemon") — vacuum when dead rows exceed threshold + scale factor × rows, or rows inserted
 * since the last vacuum exceed the insert threshold + insert scale factor × rows; analyze when rows
 * changed since the last analyze exceed the analyze threshold + scale factor × rows; a table's own
 * storage parameters override the settings, and autovacuum_enabled=false leaves it out. An insert-only
 * table is vacuumed too, which is what sets its visibility map and merges its GIN pending lists.
 */
export function upkeepDue(tables: readonly TableActivity[], settings: AutovacuumSettings): Upkeep[] {
  const due: Upkeep[] = [];
  for (const t of tables) {
    const own = tableSettings(t.options);
    if (own.enabled === false) continue;
    const s = { ...settings, ...own };
    const rows = Math.max(0, t.rows);
    const vacuum =
      t.deadRows > s.vacuumThreshold + s.vacuumScaleFactor * rows ||
      (s.vacuumInsertThreshold >= 0 && t.insertedSinceVacuum > s.vacuumInsertThreshold + s.vacuumInsertScaleFactor * rows);
    const analyze = t.modifiedSinceAnalyze > s.analyzeThreshold + s.analyzeScaleFactor * rows;
    if (vacuum || analyze) due.push({ table: t.table, vacuum, analyze });
  }
  return due;
}

const OPTION_NAMES: Record<string, keyof AutovacuumSettings> = {
  autovacuum_vacuum_threshold: 'vacuumThreshold',
  autovacuum_vacuum_scale_factor: 'vacuumScaleFactor',
  autovacuum_vacuum_insert_threshold: 'vacuumInsertThreshold',
  autovacuum_vacuum_insert_scale_factor: 'vacuumInsertScaleFactor',
  autovacuum_analyze_threshold: 'analyzeThreshold',
  autovacuum_analyze_scale_factor: 'analyzeScaleFactor',
};

/** A table's storage parameters that override the autovacuum settings, as PostgreSQL's autovacuum reads them. */
function tableSettings(options: readonly string[] | null | undefined): Partial<AutovacuumSettings> & { enabled?: boolean } {
  const own: Partial<AutovacuumSettings> & { enabled?: boolean } = {};
  for (const option of options ?? []) {
    const [name = '', value = ''] = option.split('=');
    if (name === 'autovacuum_enabled') own.enabled = !/^(false|off|no|0)$/i.test(value);
    const key = OPTION_NAMES[name];
    if (key && Number.isFinite(Number(value))) own[key] = Number(value);
  }
  return own;
}

const activityOf = (t: TableActivity) => t.deadRows + t.insertedSinceVacuum + t.modifiedSinceAnalyze;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * One autovacuum round on PGlite: reads the statistics and vacuums and/or analyzes the busiest table
 * that is due — one per round, because PGlite has one connection and requests wait while a table is
 * vacuumed (an installation upgraded with every table due spreads that over several minutes instead of
 * stalling once for all). Returns what it did: nothing on a PostgreSQL server.
 */
export async function vacuumEmbedded(database: Database): Promise<Upkeep[]> {
  if (database.kind !== 'pglite') return [];
  // A backend hands its counts to the statistics when it goes idle, at most once a second; one that is
  // never idle for long (a busy server) is asked to now, so the read below sees this minute's work.
  await database.exec('select pg_stat_force_next_flush()');
  const [v] = (
    await database.exec(`
    select current_setting('autovacuum_vacuum_threshold') as vt, current_setting('autovacuum_vacuum_scale_factor') as vs,
           current_setting('autovacuum_vacuum_insert_threshold') as it, current_setting('autovacuum_vacuum_insert_scale_factor') as "is",
           current_setting('autovacuum_analyze_threshold') as at, current_setting('autovacuum_analyze_scale_factor') as "as"`)
  ).rows;
  const settings: AutovacuumSettings = {
    vacuumThreshold: Number(v!.vt),
    vacuumScaleFactor: Number(v!.vs),
    vacuumInsertThreshold: Number(v!.it),
    vacuumInsertScaleFactor: Number(v!.is),
    analyzeThreshold: Number(v!.at),
    analyzeScaleFactor: Number(v!.as),
  };
  const { rows } = await database.exec(`
    select s.relname as table, c.reltuples as rows, s.n_dead_tup as dead, s.n_ins_since_vacuum as inserted,
           s.n_mod_since_analyze as modified, c.reloptions as options
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid
     where s.schemaname = 'public'`);
  const tables = rows.map((r) => ({
    table: String(r.table),
    rows: Number(r.rows),
    deadRows: Number(r.dead),
    insertedSinceVacuum: Number(r.inserted),
    modifiedSinceAnalyze: Number(r.modified),
    options: r.options as string[] | null,
  }));
  // upkeepDue keeps the tables' order: the busiest first.
  const busiestFirst = tables.sort((a, b) => activityOf(b) - activityOf(a));
  const [next] = upkeepDue(busiestFirst, settings);
  if (!next) return [];
  // PGlite's own exec (simple protocol, after any open transaction): not one of the named statements
  // database.exec keeps for the queries that repeat (src/db/pglite-prepared.ts).
  await database.pglite!.exec(next.vacuum ? `vacuum ${next.analyze ? '(analyze) ' : ''}${quoted(next.table)}` : `analyze ${quoted(next.table)}`);
  return [next];
}
