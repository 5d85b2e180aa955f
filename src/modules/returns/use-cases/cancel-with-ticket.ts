// 工单取消 What a ticket's cancellation does to its RMAs. Runs inside the ticket's transaction, which
// already holds the ticket's lock: the RMA rows are locked after it, in id order (src/db/lock-order.ts
// step 1), then their clocks (step 2), then the ticket's chain (step 3).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Actor, TxContext } from '../../../context';
import { RMA_LIFECYCLE, type RmaStatus } from '../../../domain/returns/rma.status';
import { AppError } from '../../../domain/shared/errors';
import type { TicketRow } from '../../tickets/tickets.service';
import { lockedRmaWrite } from '../rma-write';
import { stepRma } from '../rma-move';
import { rmaOrders } from '../rma.tables';
import { rmasOfTicket } from '../rma.view';

/** Before the goods are on their way an RMA may be withdrawn; after, it ends through its own steps. */
const WITHDRAWABLE: readonly RmaStatus[] = ['requested', 'approved'];

/** Goods or money already moving (in transit, received, being exchanged or sent back) keep the ticket open. */
export async function refuseCancelWithGoodsMoving(ctx: TxContext, ticketId: string): Promise<void> {
  const moving = (await rmasOfTicket(ctx.tx, ticketId)).filter((r) => RMA_LIFECYCLE.isOpen(r.status) && !WITHDRAWABLE.includes(r.status));
  if (moving.length)
    throw new AppError('conflict', {
      message: `ticket ${ticketId} has RMAs with goods on their way`,
      userMessage: {
        zh: `退换货单的货物已在途或已入库，不能取消工单：${moving.map((r) => r.number).join('、')}（请先完成或寄回）`,
        en: `Goods of these RMAs are already on their way or in the warehouse: ${moving.map((r) => r.number).join(', ')} (finish or send them back first)`,
      },
      details: { openRmas: moving.map((r) => r.number) },
    });
}

/**
 * Cancels the ticket's requested and approved RMAs with the ticket's reason; their clocks end with
 * them. 责任归属: a withdrawn request is the customer's cause (003 §八).
 */
export async function cancelRmasOfCancelledTicket(ctx: TxContext, ticket: TicketRow, actor: Actor, reason: string | null): Promise<void> {
  const rows = await ctx.tx
    .select()
    .from(rmaOrders)
    .where(and(eq(rmaOrders.ticketId, ticket.id), inArray(rmaOrders.status, [...WITHDRAWABLE])))
    .orderBy(asc(rmaOrders.id))
    .for('update');
  const endReason = reason?.trim() ? `工单已取消：${reason.trim()}` : '工单已取消';
  for (const rma of rows) {
    const w = lockedRmaWrite(ctx, ticket, rma, actor);
    await stepRma(w, 'cancelled', { reason: endReason, attribution: 'customer_cause' }, { endReason, attribution: 'customer_cause' });
  }
}
