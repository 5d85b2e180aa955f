import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { txContext, type Actor, type AppContext } from '../../../context';
import type { rmaCreateSchema } from '../../../domain/returns/rma.schemas';
import { AppError, invalidField } from '../../../domain/shared/errors';
import { localDate } from '../../../domain/shared/local-date';
import { TICKET_LIFECYCLE } from '../../../domain/ticket/ticket.status';
import { appendEvent } from '../../audit/audit.service';
import { listTicketAttachments } from '../../attachments/attachments.service';
import { loadTicket } from '../../tickets/tickets.service';
import { publishLiveAfterCommit } from '../../tickets/live';
import { startRmaClock } from '../rma-clocks';
import { rmaOrders, type RmaRow } from '../rma.tables';
import { judgeRequestEligibility } from './rma-eligibility';

/** Photos must be files already attached to the ticket (uploaded through its attachments). */
export async function assertTicketPhotos(ctx: AppContext, ticketId: string, ids: readonly string[], path: string): Promise<void> {
  if (!ids.length) return;
  const known = new Set((await listTicketAttachments(ctx, ticketId)).map((a) => a.id));
  const i = ids.findIndex((id) => !known.has(id));
  if (i >= 0) throw invalidField(`${path}.${i}`, '照片不是本工单的附件', 'The photo is not an attachment of this ticket', 'not_found');
}

/**
 * 退换货申请 Opens an RMA on an open ticket: proof of purchase, photos, description and the items (a
 * partial return names fewer pieces than ordered). The review clock starts now (24 h / 12 h from the
 * ticket's policy: 000 §退换货服务, 003 §八).
 */
export async function createRma(ctx: AppContext, ticketId: string, input: z.output<typeof rmaCreateSchema>, actor: Actor): Promise<RmaRow> {
  const pre = await loadTicket(ctx.db, ticketId);
  await assertTicketPhotos(ctx, ticketId, input.photoAttachmentIds, 'body.photoAttachmentIds');
  if (input.receivedOn > localDate(ctx.clock.now()))
    throw invalidField('body.receivedOn', '收货日期不能晚于今天', 'The goods cannot be received in the future', 'invalid_date');
  // 资格判定 before anything is written: a remedy the law and policy refuse needs a manager's override.
  const { eligibility, override } = await judgeRequestEligibility(ctx, input, actor);
  const row = await ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ticketId, { forUpdate: true });
    if (!TICKET_LIFECYCLE.isOpen(ticket.status))
      throw new AppError('conflict', {
        message: `ticket ${ticketId} is ${ticket.status}`,
        userMessage: { zh: '工单已解决或关闭，不能新建退换货单', en: 'The ticket is no longer open: no new RMA' },
        details: { status: ticket.status },
      });
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(rmaOrders).where(eq(rmaOrders.ticketId, ticketId));
    const now = ctx.clock.now();
    const id = randomUUID();
    const [created] = await tx
      .insert(rmaOrders)
      .values({
        id,
        ticketId,
        number: `${ticket.number}-T${Number(n) + 1}`,
        kind: input.kind,
        reason: input.reason,
        salesChannel: input.salesChannel,
        consumer: input.consumer,
        status: 'requested',
        proofOfPurchase: input.proofOfPurchase,
        receivedOn: input.receivedOn,
        description: input.description,
        photoAttachmentIds: input.photoAttachmentIds,
        items: input.items,
        paymentMethod: input.paymentMethod,
        shippingFen: input.shippingFen,
        sanbaoReturnAfterRepairs: input.sanbaoReturnAfterRepairs,
        eligibility,
        eligibilityOverride: override,
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await startRmaClock(txContext(ctx, tx), id, 'returnReview', { ticket, kind: input.kind, at: now });
    await appendEvent(tx, ctx, {
      subjectType: 'ticket',
      subjectId: ticketId,
      type: 'rma_requested',
      actor,
      visibility: 'internal',
      data: {
        rmaId: id,
        rmaNumber: created!.number,
        kind: input.kind,
        reason: input.reason,
        items: input.items.map((i) => ({ model: i.model, quantity: i.quantity })),
        eligibility: { remedy: eligibility.remedy, allowed: eligibility.allowed },
        ...(override ? { override: { reason: override.reason, byName: override.byName } } : {}),
      },
    });
    return created!;
  });
  publishLiveAfterCommit(ctx.database, { kind: 'ticket.updated', ticketId, number: pre.number, status: pre.status, ownerId: pre.ownerId, eventType: 'rma' });
  return row;
}
