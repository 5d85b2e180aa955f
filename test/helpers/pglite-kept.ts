import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS, wrapPglite, type Database } from '../../src/db/client';

// Opening PGlite from the migrated template costs 1.5–2 s (the WebAssembly PostgreSQL starts and
// loads 44 MB), and ~250 test files each paid it. A test worker runs its files one after another in
// one process (isolate: false), so it keeps one instance and hands the next file the template's
// state again: every table emptied and the migrations' own rows put back, every sequence where the
// template had it, the day sequences ticket numbering made dropped. A file that changed anything
// else in the schema (a constraint, a saved table, a temporary table) is not trusted: the next file
// gets a new instance from the template.

interface Kept {
  client: PGlite;
  /** The schema as the template had it, once the day sequences are dropped. */
  fingerprint: string;
  /** Empties the tables, puts the seed rows back, sets the sequences. */
  reset: string;
  /** Sequences the template had (the others are day sequences a file made). */
  sequences: Set<string>;
  /** Counts every table's rows: after a reset they must be the template's. */
  countRows: string;
  rowCounts: string;
  inUse: boolean;
}

let kept: Kept | null = null;

const SCHEMA_FINGERPRINT = `
  select md5(coalesce(string_agg(x, ',' order by x), '')) as f from (
    select 'r:' || n.nspname || '.' || c.relname || ':' || c.relkind::text as x
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
    union all select 'c:' || conrelid::regclass::text || '.' || conname from pg_constraint where connamespace not in (11, 99)
    union all select 't:' || tgrelid::regclass::text || '.' || tgname from pg_trigger where not tgisinternal
    union all select 'f:' || p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname not in ('pg_catalog', 'information_schema')
  ) s`;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function rows<T>(client: PGlite, text: string): Promise<T[]> {
  return (await client.query<T>(text)).rows;
}

/** Copies the template's rows aside (schema test_seed) and writes the statement that restores them. */
async function prepare(client: PGlite): Promise<Kept> {
  const tables = await rows<{ name: string }>(
    client,
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
  );
  const countRows = `select json_object_agg(t, n order by t)::text as counts from (${tables
    .map(({ name }) => `select '${name}' as t, count(*)::int as n from public.${ident(name)}`)
    .join(' union all ')}) c`;
  const [baseline] = await rows<{ counts: string }>(client, countRows);
  const seeded = Object.entries(JSON.parse(baseline!.counts) as Record<string, number>)
    .filter(([, n]) => n > 0)
    .map(([name]) => name);
  const statements = ['begin', `truncate table ${tables.map((t) => `public.${ident(t.name)}`).join(', ')}`];
  // Seed rows go back with foreign keys unchecked: they were consistent when the migrations wrote them.
  statements.push(`set local session_replication_role = replica`);
  await client.exec('create schema test_seed');
  for (const name of seeded) {
    await client.exec(`create table test_seed.${ident(name)} as select * from public.${ident(name)}`);
    const cols = await rows<{ col: string }>(
      client,
      `select attname as col from pg_attribute where attrelid = 'public.${ident(name)}'::regclass
        and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
    );
    const list = cols.map((c) => ident(c.col)).join(', ');
    statements.push(`insert into public.${ident(name)} (${list}) overriding system value select ${list} from test_seed.${ident(name)}`);
  }
  const sequences = await rows<{ name: string }>(
    client,
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S'`,
  );
  for (const { name } of sequences) {
    const [s] = await rows<{ last_value: string; is_called: boolean }>(client, `select last_value::text, is_called from public.${ident(name)}`);
    statements.push(`select setval('public.${ident(name)}', ${s!.last_value}, ${s!.is_called})`);
  }
  statements.push('commit');
  const [schema] = await rows<{ f: string }>(client, SCHEMA_FINGERPRINT);
  return {
    client,
    fingerprint: schema!.f,
    reset: statements.join(';\n'),
    sequences: new Set(sequences.map((s) => s.name)),
    countRows,
    rowCounts: baseline!.counts,
    inUse: false,
  };
}

/** Back to the template's state; false when the schema changed beyond what a reset undoes. */
async function restore(k: Kept): Promise<boolean> {
  const made = await rows<{ name: string }>(
    k.client,
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S'`,
  );
  for (const { name } of made) if (!k.sequences.has(name) && name.startsWith('ticket_no_')) await k.client.exec(`drop sequence public.${ident(name)}`);
  const [schema] = await rows<{ f: string }>(k.client, SCHEMA_FINGERPRINT);
  if (schema!.f !== k.fingerprint) return false;
  await k.client.exec(k.reset);
  const [after] = await rows<{ counts: string }>(k.client, k.countRows);
  // Whatever a reset could not empty (a table added since) is not trusted either.
  return after!.counts === k.rowCounts;
}

/** A new PGlite instance holding a copy of the migrated template. */
export async function openTemplate(template: string): Promise<PGlite> {
  const tar = readFileSync(template);
  const client = new PGlite({ loadDataDir: new Blob([tar], { type: 'application/x-tar' }), extensions: PGLITE_EXTENSIONS });
  await client.waitReady;
  return client;
}

/**
 * A PGlite database in the template's state for one test file: the worker's kept instance, reset,
 * when it is free and trustworthy, else a new one. drop() gives the kept instance back.
 */
export async function keptPglite(template: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kept && !kept.inUse && !kept.client.closed && !(await restore(kept).catch(() => false))) {
    await kept.client.close().catch(() => undefined);
    kept = null;
  }
  if (kept?.inUse || kept?.client.closed) kept = null;
  if (!kept) kept = await prepare(await openTemplate(template));
  const k = kept;
  k.inUse = true;
  const inner = await wrapPglite(k.client);
  // What this file listens to is unlistened when it gives the instance back: a listener left behind
  // would keep the file's whole app alive and hear the next file's notifications.
  const unlisteners = new Set<() => Promise<void>>();
  const database: Database = {
    ...inner,
    listen: async (channel, onMessage) => {
      const unlisten = await inner.listen(channel, onMessage);
      unlisteners.add(unlisten);
      return async () => {
        unlisteners.delete(unlisten);
        await unlisten();
      };
    },
    // Closing it for real (a test of what happens then) retires the instance.
    close: async () => {
      if (kept === k) kept = null;
      await k.client.close();
    },
  };
  return {
    database,
    drop: async () => {
      for (const unlisten of unlisteners) await unlisten().catch(() => undefined);
      k.inUse = false;
    },
  };
}
