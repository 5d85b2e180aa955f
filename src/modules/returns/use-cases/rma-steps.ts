import type { z } from 'zod';
import type { Actor, AppContext } from '../../../context';
import type { rmaCancelSchema, rmaInspectionSchema, rmaReviewSchema, rmaShipmentSchema } from '../../../domain/returns/rma.schemas';
import { enqueue } from '../../../jobs/outbox';
import { restDays } from '../../warranty/warranty.service';
import { shipByDay } from '../rma-clocks';
import { stepRma } from '../rma-move';
import { findRma, writeRma } from '../rma-write';
import type { RmaRow } from '../rma.tables';
import { assertTicketPhotos } from './create-rma';

/**
 * 审核 Approve with the RMA number and the return address (the customer ships within 3 days, a
 * Civil Code day count), or refuse with the reason and who answers for it. Of two reviewers approving
 * at once the second finds it approved under the lock: 409, one RMA number.
 */
export async function reviewRma(ctx: AppContext, id: string, input: z.output<typeof rmaReviewSchema>, actor: Actor): Promise<RmaRow> {
  const isRestDay = await restDays(ctx);
  return writeRma(ctx, id, actor, async (w) => {
    const base = { reviewedAt: w.now, reviewedByName: actor.name };
    if (input.decision === 'refuse') {
      await stepRma(
        w,
        'refused',
        { reason: input.reason, attribution: input.attribution },
        { ...base, refuseReason: input.reason, attribution: input.attribution },
      );
      await enqueue(w.tx, w.now, 'rma.refused', { rmaId: id, ticketId: w.ticket.id, number: w.rma.number, reason: input.reason });
      return w.rma;
    }
    const rmaNumber = `RMA-${w.rma.number}`;
    await stepRma(
      w,
      'approved',
      { returnAddress: input.returnAddress },
      { ...base, rmaNumber, returnAddress: input.returnAddress },
      { isRestDay, data: { rmaNumber } },
    );
    await enqueue(w.tx, w.now, 'rma.approved', {
      rmaId: id,
      ticketId: w.ticket.id,
      number: w.rma.number,
      rmaNumber,
      returnAddress: input.returnAddress,
      shipBy: shipByDay(w.now, isRestDay),
    });
    return w.rma;
  });
}

/** 客户寄回 The customer shipped the goods (courier and tracking number, as the customer gave them). */
export function recordCustomerShipment(ctx: AppContext, id: string, input: z.output<typeof rmaShipmentSchema>, actor: Actor): Promise<RmaRow> {
  return writeRma(ctx, id, actor, (w) =>
    stepRma(w, 'in_transit', input, { returnCourier: input.courier, returnTracking: input.trackingNumber, returnShippedAt: w.now }, { data: input }),
  );
}

/** 到货签收 Logistics received the parcel: inspection is due within 24 h (003 §八). */
export function receiveRma(ctx: AppContext, id: string, actor: Actor): Promise<RmaRow> {
  return writeRma(ctx, id, actor, async (w) => {
    await stepRma(w, 'received', {}, { receivedAt: w.now });
    await enqueue(w.tx, w.now, 'rma.received', { rmaId: id, ticketId: w.ticket.id, number: w.rma.number });
    return w.rma;
  });
}

/** 检验 The condition found, with photos; the customer is told what was found. */
export async function inspectRma(ctx: AppContext, id: string, input: z.output<typeof rmaInspectionSchema>, actor: Actor): Promise<RmaRow> {
  const { ticketId } = await findRma(ctx.db, id);
  await assertTicketPhotos(ctx, ticketId, input.photoAttachmentIds, 'body.photoAttachmentIds');
  return writeRma(ctx, id, actor, async (w) => {
    await stepRma(
      w,
      'inspected',
      { inspectionCondition: input.condition },
      { inspectedAt: w.now, inspectionCondition: input.condition, inspectionPassed: input.passed, inspectionPhotoIds: input.photoAttachmentIds },
      { data: { passed: input.passed } },
    );
    await enqueue(w.tx, w.now, 'rma.inspected', { rmaId: id, ticketId: w.ticket.id, number: w.rma.number, passed: input.passed, condition: input.condition });
    return w.rma;
  });
}

/** 换货发出 / 退回客户 The exchange unit or the rejected goods left with a courier. */
export function shipOutbound(ctx: AppContext, id: string, input: z.output<typeof rmaShipmentSchema>, actor: Actor): Promise<RmaRow> {
  return writeRma(ctx, id, actor, async (w) => {
    const to = w.rma.status === 'rejecting' ? 'sent_back' : 'exchange_shipped';
    await stepRma(
      w,
      to,
      { ...input, attribution: w.rma.attribution },
      { outboundCourier: input.courier, outboundTracking: input.trackingNumber, outboundShippedAt: w.now },
      { data: input },
    );
    const base = { rmaId: id, ticketId: w.ticket.id, number: w.rma.number, courier: input.courier, trackingNumber: input.trackingNumber };
    if (to === 'sent_back') await enqueue(w.tx, w.now, 'rma.sent_back', base);
    else await enqueue(w.tx, w.now, 'rma.exchange_shipped', { ...base, model: w.rma.exchangeModel ?? w.rma.items[0]!.model });
    return w.rma;
  });
}

/** 取消 Before the goods are on their way: the customer withdrew, with the reason and attribution. */
export function cancelRma(ctx: AppContext, id: string, input: z.output<typeof rmaCancelSchema>, actor: Actor): Promise<RmaRow> {
  return writeRma(ctx, id, actor, (w) => stepRma(w, 'cancelled', input, { endReason: input.reason, attribution: input.attribution }));
}
