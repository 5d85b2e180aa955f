import { eq, sql } from 'drizzle-orm';
import { txContext, type Actor, type AppContext, type TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { notFound } from '../../domain/shared/errors';
import { endOfChinaDay, specUntil } from '../../domain/returns/rma.clocks';
import { appendEvent } from '../audit/audit.service';
import { cancelClocks, startClock, stopClock } from '../sla/subject-clocks';
import { loadTicket, type TicketRow } from '../tickets/tickets.service';
import { publishLiveAfterCommit } from '../tickets/live';
import { REFUND_SUBJECT } from './refunds.sla-subject';
import { refunds, type RefundRow } from './refunds.tables';

export interface RefundWrite {
  tx: Tx;
  inTx: TxContext;
  ticket: TicketRow;
  refund: RefundRow;
  now: Date;
  actor: Actor;
  update(set: Partial<RefundRow>): Promise<RefundRow>;
  event(type: string, data?: Record<string, unknown>, body?: string | null): Promise<void>;
}

export async function findRefund(db: Pick<Tx, 'select'>, id: string): Promise<RefundRow> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, id));
  if (!row) throw notFound('refund', id);
  return row;
}

export async function refundEvent(
  ctx: TxContext,
  ticketId: string,
  refund: Pick<RefundRow, 'id' | 'number'>,
  actor: Actor,
  type: string,
  data: Record<string, unknown> = {},
  body: string | null = null,
) {
  await appendEvent(ctx.tx, ctx, {
    subjectType: 'ticket',
    subjectId: ticketId,
    type,
    actor,
    visibility: 'internal',
    body,
    data: { refundId: refund.id, refundNumber: refund.number, ...data },
  });
}

/**
 * One refund use case, one transaction, in the lock order (src/db/lock-order.ts): the ticket row, then
 * the refund row (step 1), its clock (step 2), the ticket's chain (3), outbox rows (4). Two clerks
 * approving or paying one refund at once run one after the other: the second sees the new status
 * under the lock and gets 409 — a refund is paid once.
 */
export async function writeRefund<T>(ctx: AppContext, id: string, actor: Actor, fn: (w: RefundWrite) => Promise<T>): Promise<T> {
  const found = await findRefund(ctx.db, id);
  const live: { ticket?: { ticketId: string; number: string; status: string; ownerId: string | null } } = {};
  const result = await ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, found.ticketId, { forUpdate: true });
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, id)).for('update');
    if (!refund) throw notFound('refund', id);
    live.ticket = { ticketId: ticket.id, number: ticket.number, status: ticket.status, ownerId: ticket.ownerId };
    const now = ctx.clock.now();
    const inTx = txContext(ctx, tx);
    const w: RefundWrite = {
      tx,
      inTx,
      ticket,
      refund,
      now,
      actor,
      async update(set) {
        const [after] = await tx
          .update(refunds)
          .set({ ...set, updatedAt: now, version: sql`${refunds.version} + 1` })
          .where(eq(refunds.id, id))
          .returning();
        w.refund = after!;
        return after!;
      },
      event: (type, data = {}, body = null) => refundEvent(inTx, ticket.id, refund, actor, type, data, body),
    };
    return fn(w);
  });
  if (live.ticket) publishLiveAfterCommit(ctx.database, { kind: 'ticket.updated', ...live.ticket, eventType: 'refund' });
  return result;
}

const key = (id: string) => ({ subjectType: REFUND_SUBJECT, subjectId: id });

/** The refund clock runs to the end of its due day (24:00 China time). */
export async function startRefundClock(ctx: TxContext, id: string, dueOn: string, at: Date): Promise<void> {
  await startClock(ctx.tx, ctx, { ...key(id), target: 'refund', startedAt: at, spec: specUntil(endOfChinaDay(dueOn), at) });
}
export const stopRefundClock = (ctx: TxContext, id: string, at: Date) => stopClock(ctx.tx, ctx, { ...key(id), target: 'refund', at });
export const cancelRefundClock = (ctx: TxContext, id: string, at: Date) => cancelClocks(ctx.tx, ctx, { ...key(id), targets: 'all', at });
