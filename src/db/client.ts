import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { preparedQueries } from './pglite-prepared';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createPgListener, silentLogger, type DbLogger } from './pg-listener';
import * as schema from './schema';

export type { DbLogger };

export type Schema = typeof schema;
/** Both drivers expose the same query builder; we type against node-postgres and cast PGlite. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs raw SQL outside any transaction (migrations, sequences). */
  exec(sqlText: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** LISTEN on a channel; returns an unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Where lost and restored connections are reported (silent until the server sets its logger). */
  setLogger(log: DbLogger): void;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
}

// PGlite must always be opened with the same extensions, or reopening a data directory fails.
export const PGLITE_EXTENSIONS = { pg_trgm };

export async function openPglite(dataDir?: string): Promise<Database> {
  const client = dataDir ? new PGlite(dataDir, { extensions: PGLITE_EXTENSIONS }) : new PGlite({ extensions: PGLITE_EXTENSIONS });
  return wrapPglite(client);
}

export async function wrapPglite(client: PGlite): Promise<Database> {
  await client.waitReady;
  preparedQueries(client);
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    exec: async (sqlText, params) => {
      const r = await client.query<Record<string, unknown>>(sqlText, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    listen: async (channel, onMessage) => {
      const unsub = await client.listen(channel, onMessage);
      return async () => unsub();
    },
    setLogger: () => undefined,
    close: () => client.close(),
  };
}

export function openPostgres(url: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 16)): Database {
  // A request that cannot get a connection within 10 s fails instead of hanging (pool self-deadlock).
  // keepAlive: a fail-over that leaves connections half-open is noticed instead of waited on forever.
  // idleTimeoutMillis: an idle connection is kept 10 minutes, not node-postgres' 10 seconds. The ticket page
  // reads a dozen things at once; after an agent read one ticket for 11 s, every connection had closed
  // and the next page opened a dozen new ones with cold backends: 200 ms instead of 55 (1M tickets).
  // allowExitOnIdle: those idle connections never keep a finished process (a CLI, a test worker) alive.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 600_000,
    allowExitOnIdle: true,
    keepAlive: true,
  });
  const listener = createPgListener(url);
  let log: DbLogger = silentLogger;
  const report = (err: Error & { code?: string }) => log.warn({ err: { code: err.code, message: err.message } }, 'database: pooled connection lost');
  // A connection that dies emits `error` on its client; without a listener that ends the process.
  // The pool listens only while a client is idle, so a client checked out for a transaction gets its
  // own listener for life: the running query still fails (the request answers 500) and the pool
  // discards the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', report);
    serializeQueries(client);
  });
  pool.on('error', () => undefined); // the same error, already reported by the client's listener
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' });
  return {
    kind: 'postgres',
    db,
    pool,
    exec: async (sqlText, params) => {
      const r = await pool.query(sqlText, params as unknown[] | undefined);
      return { rows: r.rows };
    },
    listen: (channel, onMessage) => listener.listen(channel, onMessage),
    setLogger(l) {
      log = l;
      listener.setLogger(l);
    },
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}

/**
 * Handlers that read several things at once (`Promise.all`) inside a transaction send them all to one
 * connection. node-postgres queues them but warns that pg 9 will refuse it; queueing them here keeps the
 * same order and behaviour without relying on that deprecated queue.
 */
function serializeQueries(client: pg.PoolClient): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  client.query = ((...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | undefined;
    if (first && typeof first.submit === 'function') return send(...args); // streams and cursors manage themselves
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as (err: unknown, res?: unknown) => void) : null;
    const run = tail.then(() => send(...args) as Promise<unknown>);
    tail = run.catch(() => undefined);
    if (!callback) return run;
    run.then(
      (res) => callback(null, res),
      (err: unknown) => callback(err),
    );
    return undefined;
  }) as typeof client.query;
}
