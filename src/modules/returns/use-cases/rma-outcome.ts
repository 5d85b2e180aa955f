import type { z } from 'zod';
import type { Actor, AppContext } from '../../../context';
import { DISTANCE_CHANNELS, type SalesChannel } from '../../../domain/returns/return-eligibility';
import type { rmaOutcomeSchema } from '../../../domain/returns/rma.schemas';
import { AppError, invalidField } from '../../../domain/shared/errors';
import { localDate } from '../../../domain/shared/local-date';
import { enqueue } from '../../../jobs/outbox';
import { openRefund } from '../../refunds/refunds.service';
import { restDays } from '../../warranty/warranty.service';
import { stepRma } from '../rma-move';
import { writeRma, type RmaWrite } from '../rma-write';
import { personalSealer } from '../../audit/personal-data';
import type { ConsentRecord, RmaRow } from '../rma.tables';

async function sealedConsent(w: RmaWrite, c: ConsentRecord): Promise<ConsentRecord> {
  const sealer = await personalSealer(w.tx, w.inTx, { type: 'customer', id: w.ticket.customerId });
  return { ...c, customerName: sealer.seal(c.customerName), note: sealer.seal(c.note) };
}

/**
 * 处理结果 after inspection, with who answers for it (003 §八 责任归属):
 *  - refund: the refunds module opens the refund in this transaction (this module calls refunds,
 *    never the reverse); price of the returned pieces, shipping when the seller is at fault,
 *    depreciation only for a 三包 return after failed repairs, minus unreturned gifts;
 *  - exchange: same model; a discontinued one → another model of no lower performance with the
 *    customer's recorded consent (000 §退换货服务); shipped within 3 wd of receiving the unit;
 *  - reject: with the reason; the goods are sent back.
 */
export async function decideRmaOutcome(ctx: AppContext, id: string, input: z.output<typeof rmaOutcomeSchema>, actor: Actor): Promise<RmaRow> {
  const isRestDay = await restDays(ctx);
  return writeRma(ctx, id, actor, async (w) => {
    const r = w.rma;
    const base = { outcome: input.outcome, attribution: input.attribution };
    if (input.outcome === 'refund') {
      if (r.status !== 'inspected') return stepRma(w, 'refunded', { attribution: input.attribution }, base); // throws the 409 with the allowed moves
      // Step 1 continued: the refund row is new and belongs to the locked ticket.
      const distanceSale = r.consumer && r.reason === 'no_reason' && DISTANCE_CHANNELS.includes(r.salesChannel as SalesChannel);
      const refund = await openRefund(
        w.inTx,
        {
          ticket: w.ticket,
          rmaId: r.id,
          requestType: 'return',
          items: r.items.map((i) => ({ name: i.name, quantity: i.quantity, unitPriceFen: i.unitPriceFen })),
          shippingFen: r.shippingFen,
          sellerAtFault: input.attribution !== 'customer_cause' && r.reason !== 'no_reason',
          depreciationFen: input.depreciationFen,
          depreciationAllowed: r.sanbaoReturnAfterRepairs,
          unreturnedGiftsFen: input.unreturnedGiftsFen,
          paymentMethod: r.paymentMethod,
          distanceSaleGoodsReceivedOn: distanceSale && r.receivedAt ? localDate(r.receivedAt) : null,
          isRestDay,
        },
        actor,
      );
      return stepRma(
        w,
        'refunded',
        { attribution: input.attribution },
        { ...base, refundId: refund.id },
        { data: { refundId: refund.id, amountFen: refund.amountFen } },
      );
    }
    if (input.outcome === 'exchange') {
      const returned = r.items[0]!.model;
      const model = input.exchangeModel?.trim() || returned;
      const otherModel = model !== returned;
      // 停产: the same model cannot be sent again; the schema's check (discontinued → consent) would
      // otherwise answer a 500 for what is the user's choice to correct.
      if (input.discontinued && !otherModel)
        throw invalidField(
          'exchangeModel',
          '原型号已停产：请填写换货发出的其他型号（性能不低于原型号）',
          'The returned model is discontinued: name the model sent instead (of no lower performance)',
          'required',
        );
      if (otherModel && !input.discontinued)
        throw new AppError('conflict', {
          message: 'an exchange is the same model unless the returned one is discontinued',
          userMessage: {
            zh: '换货应为同型号同规格；仅在原型号停产时可换其他型号',
            en: 'An exchange is the same model unless the returned one is discontinued',
          },
        });
      const consent = input.customerConsent
        ? {
            method: input.customerConsent.method,
            customerName: input.customerConsent.customerName,
            note: input.customerConsent.note ?? null,
            at: w.now.toISOString(),
            recordedByName: actor.name,
          }
        : null;
      return stepRma(
        w,
        'exchanging',
        { attribution: input.attribution, otherModel, customerConsent: !!consent },
        { ...base, exchangeModel: model, discontinued: input.discontinued, customerConsent: otherModel ? consent : null },
        // 3 wd from receiving the returned unit (000, 003), not from this decision.
        {
          clockFrom: r.receivedAt ?? w.now,
          // The consenting customer's name and words go on the ticket's chain sealed (加密删除, lock order 2b).
          data: { exchangeModel: model, otherModel, consent: consent ? await sealedConsent(w, consent) : null },
        },
      );
    }
    await stepRma(w, 'rejecting', { reason: input.reason, attribution: input.attribution }, { ...base, rejectReason: input.reason });
    await enqueue(w.tx, w.now, 'rma.rejected', { rmaId: id, ticketId: w.ticket.id, number: r.number, reason: input.reason });
    return w.rma;
  });
}
