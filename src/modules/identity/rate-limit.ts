import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { rateLimits } from './identity.tables';

// Fixed-window counters in the database rather than in memory: with several server processes (or
// a restart) an in-memory limit multiplies or resets, and a patient attacker only needs that.
// The upsert is one atomic statement, the same on PGlite and PostgreSQL.

export interface Limit {
  max: number;
  windowMs: number;
}

/** Windows older than this are dead for every limit in use; they are removed as new windows open. */
const KEEP_MS = 86_400_000;

const windowOf = (now: Date, windowMs: number) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);
const retryAfter = (now: Date, start: Date, windowMs: number) => Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));

export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', { details: { retryAfterSeconds } });
}

/** Counts one use of `key`; refuses (429) once the window's count passes `limit.max`. */
export async function consumeLimit(ctx: Pick<AppContext, 'db' | 'clock'>, key: string, limit: Limit): Promise<Use> {
  const use = await bumpLimit(ctx, key, limit);
  const now = ctx.clock.now();
  if (use.count > limit.max) throw rateLimited(retryAfter(now, use.windowStart, limit.windowMs));
  return use;
}

/** One counted use: the window it went to, so it can be given back to that window. */
export interface Use {
  key: string;
  windowStart: Date;
  count: number;
}

/** Adds one to the key's current window and returns the new count. */
export async function bumpLimit(ctx: Pick<AppContext, 'db' | 'clock'>, key: string, limit: Limit): Promise<Use> {
  const now = ctx.clock.now();
  const windowStart = windowOf(now, limit.windowMs);
  const [row] = await ctx.db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  // A key's first use in a window is rare enough to carry the clean-up.
  if (count === 1) await ctx.db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - KEEP_MS)));
  return { key, windowStart, count };
}

/** Gives a use back (e.g. a log-in counted as a failure in advance turned out right). */
export async function releaseUse(ctx: Pick<AppContext, 'db'>, use: Use): Promise<void> {
  await ctx.db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(and(eq(rateLimits.key, use.key), eq(rateLimits.windowStart, use.windowStart)));
}
