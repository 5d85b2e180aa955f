import { eq, sql } from 'drizzle-orm';
import { txContext, type Actor, type AppContext, type TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { loadTicket, type TicketRow } from '../tickets/tickets.service';
import { followupTasks, type FollowupRow } from './followups.tables';

export interface FollowupWrite {
  tx: Tx;
  inTx: TxContext;
  ticket: TicketRow;
  /** The task as locked, updated by `update`. */
  task: FollowupRow;
  now: Date;
  actor: Actor;
  update(set: Partial<FollowupRow>): Promise<FollowupRow>;
  /** Appends a `followup_*` event to the ticket's chain (its timeline), naming the task. */
  event(type: string, data?: Record<string, unknown>, body?: string | null, visibility?: 'public' | 'internal'): Promise<void>;
}

export async function findFollowup(db: Pick<Tx, 'select'>, id: string): Promise<FollowupRow> {
  const [row] = await db.select().from(followupTasks).where(eq(followupTasks.id, id));
  if (!row) throw notFound('follow-up', id);
  return row;
}

/**
 * One follow-up use case, one transaction, in the lock order (src/db/lock-order.ts): the ticket row,
 * then the task row (it belongs to the ticket); its clocks (step 2); the ticket's chain (3); outbox (4).
 * A call and the SLA sweep of its clock, or two agents recording the same call, run one after the other.
 */
export async function writeFollowup<T>(ctx: AppContext, id: string, actor: Actor, fn: (w: FollowupWrite) => Promise<T>): Promise<T> {
  const found = await findFollowup(ctx.db, id);
  return ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, found.ticketId, { forUpdate: true });
    const [task] = await tx.select().from(followupTasks).where(eq(followupTasks.id, id)).for('update');
    if (!task) throw notFound('follow-up', id);
    const now = ctx.clock.now();
    const w: FollowupWrite = {
      tx,
      inTx: txContext(ctx, tx),
      ticket,
      task,
      now,
      actor,
      async update(set) {
        const [after] = await tx
          .update(followupTasks)
          .set({ ...set, updatedAt: now, version: sql`${followupTasks.version} + 1` })
          .where(eq(followupTasks.id, id))
          .returning();
        w.task = after!;
        return after!;
      },
      async event(type, data = {}, body = null, visibility = 'internal') {
        await appendEvent(tx, ctx, {
          subjectType: 'ticket',
          subjectId: ticket.id,
          type,
          actor,
          visibility,
          body,
          data: { followupId: id, kind: task.kind, ...data },
        });
      },
    };
    return fn(w);
  });
}
