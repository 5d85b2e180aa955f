import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { portalCodes, portalSessions } from './portal.tables';

// 清理 Expired portal one-time codes and sessions are dead weight (and a phone's blind index kept
// longer than it serves). The background cycle removes them in batches; each batch claims its rows
// with FOR UPDATE SKIP LOCKED, so several server processes on one PostgreSQL delete disjoint rows and
// never wait on (or deadlock with) each other or with a customer's verification in flight.

/** A code stays an hour past its expiry: long enough for a wrong-code answer to be looked into. */
const CODE_KEEP_MS = 3_600_000;
const BATCH = 500;

export async function purgeExpiredPortalRows(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<{ codes: number; sessions: number }> {
  const now = ctx.clock.now();
  const codeCutoff = new Date(now.getTime() - CODE_KEEP_MS);
  let codes = 0;
  let sessions = 0;
  for (;;) {
    const gone = await ctx.db.execute(
      sql`delete from ${portalCodes} where ${portalCodes.id} in (select ${portalCodes.id} from ${portalCodes} where ${portalCodes.expiresAt} < ${codeCutoff.toISOString()}::timestamptz limit ${BATCH} for update skip locked) returning 1`,
    );
    codes += gone.rows.length;
    if (gone.rows.length < BATCH) break;
  }
  for (;;) {
    const gone = await ctx.db.execute(
      sql`delete from ${portalSessions} where ${portalSessions.tokenHash} in (select ${portalSessions.tokenHash} from ${portalSessions} where ${portalSessions.expiresAt} < ${now.toISOString()}::timestamptz limit ${BATCH} for update skip locked) returning 1`,
    );
    sessions += gone.rows.length;
    if (gone.rows.length < BATCH) break;
  }
  return { codes, sessions };
}
