import type { Actor, AppContext } from '../../../context';
import { REFUND_LIFECYCLE } from '../../../domain/refund/refund.status';
import { invalidField } from '../../../domain/shared/errors';
import { localDate } from '../../../domain/shared/local-date';
import { enqueue } from '../../../jobs/outbox';
import { cancelRefundClock, startRefundClock, stopRefundClock, writeRefund } from '../refund-write';
import type { RefundRow } from '../refunds.tables';

/** 审批 Finance approves the refund (amount and method checked). */
export function approveRefund(ctx: AppContext, id: string, actor: Actor): Promise<RefundRow> {
  return writeRefund(ctx, id, actor, async (w) => {
    REFUND_LIFECYCLE.assertTransition(w.refund.status, 'approved', {});
    await w.update({ status: 'approved', approvedAt: w.now, approvedByName: actor.name });
    await w.event('refund_approved', { amountFen: w.refund.amountFen });
    return w.refund;
  });
}

/**
 * 已付款 The money went back by the original method, with the bank's reference. Checked under the
 * locks: of two clerks paying at once, the second finds it paid and gets 409 — paid once.
 */
export function payRefund(ctx: AppContext, id: string, input: { reference: string }, actor: Actor): Promise<RefundRow> {
  return writeRefund(ctx, id, actor, async (w) => {
    REFUND_LIFECYCLE.assertTransition(w.refund.status, 'paid', { reference: input.reference });
    await w.update({ status: 'paid', paidAt: w.now, paidByName: actor.name, reference: input.reference.trim() });
    await stopRefundClock(w.inTx, id, w.now);
    await w.event('refund_paid', { amountFen: w.refund.amountFen, paymentMethod: w.refund.paymentMethod, reference: w.refund.reference });
    await enqueue(w.tx, w.now, 'refund.paid', {
      refundId: id,
      ticketId: w.ticket.id,
      number: w.refund.number,
      amountFen: w.refund.amountFen,
      paymentMethod: w.refund.paymentMethod,
    });
    return w.refund;
  });
}

/**
 * 退款失败 (e.g. a wrong account): the reason and the new date are recorded, the due clock moves to the
 * new date, and the customer is told both through the outbox (000 §退款服务).
 */
export function failRefund(ctx: AppContext, id: string, input: { reason: string; newDueOn: string }, actor: Actor): Promise<RefundRow> {
  return writeRefund(ctx, id, actor, async (w) => {
    REFUND_LIFECYCLE.assertTransition(w.refund.status, 'failed', { reason: input.reason, newDueOn: input.newDueOn });
    if (input.newDueOn < localDate(w.now))
      throw invalidField('body.newDueOn', '新的退款日期不能早于今天', 'The new date cannot be in the past', 'invalid_date');
    // A promise the customer can hold us to: within 90 days, not "some day".
    if (input.newDueOn > localDate(new Date(w.now.getTime() + 90 * 86_400_000)))
      throw invalidField('body.newDueOn', '新的退款日期不能晚于 90 天后', 'The new date must be within 90 days', 'invalid_date');
    const failure = { reason: input.reason.trim(), newDueOn: input.newDueOn, at: w.now.toISOString(), byName: actor.name };
    await w.update({ status: 'failed', dueOn: input.newDueOn, failures: [...w.refund.failures, failure] });
    // The first promise is over (kept as it ended); a new clock runs to the date the customer is told.
    await cancelRefundClock(w.inTx, id, w.now);
    await startRefundClock(w.inTx, id, input.newDueOn, w.now);
    await w.event('refund_failed', { reason: failure.reason, newDueOn: input.newDueOn });
    await enqueue(w.tx, w.now, 'refund.failed', {
      refundId: id,
      ticketId: w.ticket.id,
      number: w.refund.number,
      reason: failure.reason,
      newDueOn: input.newDueOn,
    });
    return w.refund;
  });
}

export function cancelRefund(ctx: AppContext, id: string, input: { reason: string }, actor: Actor): Promise<RefundRow> {
  return writeRefund(ctx, id, actor, async (w) => {
    REFUND_LIFECYCLE.assertTransition(w.refund.status, 'cancelled', { reason: input.reason });
    await w.update({ status: 'cancelled', endReason: input.reason.trim() });
    await cancelRefundClock(w.inTx, id, w.now);
    await w.event('refund_cancelled', { reason: input.reason.trim() });
    return w.refund;
  });
}
