import type { Database, Db, DbOrTx, Tx } from './db/client';
import type { Keyring } from './security/keyring';

/** Time comes from here everywhere it matters, so tests can set "now" (deadlines are the core). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The narrow set of things services need; built once at start-up (src/server.ts) or per test. */
export interface AppContext {
  database: Database;
  db: Db;
  clock: Clock;
  keys: Keyring;
  dataDir: string;
  /** Max upload size in bytes. */
  maxAttachmentBytes: number;
}

/**
 * What code running inside a transaction gets (lifecycle hooks, outbox handlers, clock functions):
 * the transaction and everything of the context except the pool. PGlite has a single connection, so
 * a query on `ctx.db` while a transaction is open waits forever; without `db` and `database` that
 * mistake does not compile.
 */
export interface TxContext extends Omit<AppContext, 'db' | 'database'> {
  tx: Tx;
  /** The database's identity, only as the key of per-database caches (calendars, default policy). */
  cacheScope: object;
  /**
   * Reads one unit of work shares (sharedRead): an outbox delivery batch's handlers (oncePerBatch,
   * src/jobs/outbox.ts), or a ticket creation's hooks, given what its first statement read alongside.
   */
  shared?: Map<string, Promise<unknown>>;
}

/**
 * A read shared within a unit of work (TxContext.shared): done once, or taken from what the work
 * already read; outside such a unit it simply reads. A failed read is not remembered.
 */
export function sharedRead<T>(ctx: object, key: string, read: () => PromiseLike<T>): Promise<T> {
  const memo = (ctx as { shared?: Map<string, Promise<unknown>> }).shared;
  if (!memo) return Promise.resolve(read());
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    // Resolved once: a query builder is a thenable that would run its statement again on every await.
    hit = Promise.resolve(read());
    memo.set(key, hit);
    // A failed read (its statement aborted the transaction) is not remembered for the isolated pass.
    hit.catch(() => memo.delete(key));
  }
  return hit;
}

export function txContext(ctx: AppContext | TxContext, tx: Tx): TxContext {
  if ('tx' in ctx) return { ...ctx, tx };
  const { db: _db, database, ...rest } = ctx;
  return { ...rest, tx, cacheScope: database };
}

/** Who performs an action; `null` id is the system itself (timers, migrations, imports). */
export interface Actor {
  id: string | null;
  name: string;
  role: string;
  team?: string | null;
}
export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };

/** A context inside or outside a transaction, for code that reads through either (caches, lookups). */
export type EitherContext = Pick<AppContext, 'db' | 'database'> | Pick<TxContext, 'tx' | 'cacheScope'>;
/** The transaction when inside one, else the pool. */
export function queryable(ctx: EitherContext): DbOrTx {
  return 'tx' in ctx ? ctx.tx : ctx.db;
}
/** The key of per-database caches, the same inside a transaction and outside. */
export function cacheScopeOf(ctx: EitherContext): object {
  return 'cacheScope' in ctx ? ctx.cacheScope : ctx.database;
}
