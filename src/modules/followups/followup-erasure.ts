import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ERASED_TEXT } from '../audit/personal-data';
import { followupTasks } from './followups.tables';

/**
 * Erasure (PIPL Art 47) of what the customer said on follow-up calls and visits (回访意见): the task's
 * comments and each attempt's. Kept: ratings, 问题是否解决, outcomes, channels, dates — the
 * satisfaction and first-time-fix figures read them. In the caller's transaction, which holds the
 * tickets' locks: a task is locked after its ticket (step 1), in id order.
 */
export async function eraseFollowupComments(tx: DbOrTx, ticketIds: readonly string[]): Promise<number> {
  if (!ticketIds.length) return 0;
  const rows = await tx
    .select({ id: followupTasks.id, comments: followupTasks.comments, attempts: followupTasks.attempts })
    .from(followupTasks)
    .where(inArray(followupTasks.ticketId, [...ticketIds]))
    .orderBy(followupTasks.id)
    .for('update');
  for (const r of rows)
    await tx
      .update(followupTasks)
      .set({
        comments: r.comments ? ERASED_TEXT : r.comments,
        attempts: r.attempts.map((a) => ({ ...a, comments: a.comments ? ERASED_TEXT : a.comments })),
      })
      .where(eq(followupTasks.id, r.id));
  return rows.length;
}
