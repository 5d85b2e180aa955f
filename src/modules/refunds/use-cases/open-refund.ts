import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Actor, TxContext } from '../../../context';
import type { IsRestDay } from '../../../domain/calendar/rest-day-shift';
import { refundAmount, RefundAmountError, type RefundItem } from '../../../domain/refund/refund-amount';
import { refundDue } from '../../../domain/refund/refund-due';
import { invalidField } from '../../../domain/shared/errors';
import { localDate } from '../../../domain/shared/local-date';
import type { RequestType } from '../../../domain/ticket/ticket.schemas';
import { effectivePriority } from '../../sla/clocks.service';
import { resolveSpecs } from '../../sla/subject-clocks';
import type { TicketRow } from '../../tickets/tickets.service';
import { refundEvent, startRefundClock } from '../refund-write';
import { refunds, type RefundRow } from '../refunds.tables';

export interface OpenRefundInput {
  /** The ticket, locked by the caller (step 1); an RMA caller also holds its RMA row. */
  ticket: TicketRow;
  rmaId: string | null;
  /** The request type whose policy promise applies (an RMA's refund: 'return'). */
  requestType: RequestType;
  items: readonly RefundItem[];
  shippingFen: number;
  sellerAtFault: boolean;
  depreciationFen: number;
  depreciationAllowed: boolean;
  unreturnedGiftsFen: number;
  paymentMethod: string;
  /** CRPL Art 25 applies (a consumer's distance-sale return): the day the seller got the goods back. */
  distanceSaleGoodsReceivedOn: string | null;
  isRestDay?: IsRestDay;
}

/**
 * 退款申请 Opens a refund inside the caller's transaction — the RMA module's outcome calls this (the RMA
 * module calls refunds, never the reverse). Amount per refund-amount.ts; due date the earliest rule
 * (refund-due.ts): the policy's working days for the request type, and Art 25 where it applies.
 * Writes the refund row (new: nobody else holds it), its clock, then the ticket's chain.
 */
export async function openRefund(ctx: TxContext, input: OpenRefundInput, actor: Actor): Promise<RefundRow> {
  let amount;
  try {
    amount = refundAmount(input);
  } catch (e) {
    if (e instanceof RefundAmountError) throw invalidField(`body.${e.path}`, e.zh, e.en);
    throw e;
  }
  const now = ctx.clock.now();
  const t = input.ticket;
  const { specs, policy } = await resolveSpecs(ctx.tx, ctx, {
    policyId: t.slaPolicyId,
    requestType: input.requestType,
    priority: effectivePriority(t),
    customerId: t.customerId,
    at: now,
  });
  const promise = specs.refund;
  const requestedOn = localDate(now);
  const due = refundDue({
    requestedOn,
    policy: promise?.unit === 'working_days' ? { workingDays: promise.amount, source: `SLA 策略「${policy.name}」` } : null,
    distanceSaleGoodsReceivedOn: input.distanceSaleGoodsReceivedOn,
    isRestDay: input.isRestDay,
  });
  const [{ n } = { n: 0 }] = await ctx.tx.select({ n: count() }).from(refunds).where(eq(refunds.ticketId, t.id));
  const id = randomUUID();
  const [row] = await ctx.tx
    .insert(refunds)
    .values({
      id,
      ticketId: t.id,
      rmaId: input.rmaId,
      number: `${t.number}-F${Number(n) + 1}`,
      status: 'requested',
      amountFen: amount.totalFen,
      lines: amount.lines,
      paymentMethod: input.paymentMethod,
      requestedOn,
      dueOn: due.dueOn,
      dueRules: due.rules,
      bindingRule: due.binding.rule,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await startRefundClock(ctx, id, due.dueOn, now);
  await refundEvent(ctx, t.id, row!, actor, 'refund_requested', {
    amountFen: amount.totalFen,
    paymentMethod: input.paymentMethod,
    dueOn: due.dueOn,
    bindingRule: due.binding.rule,
    rmaId: input.rmaId,
  });
  return row!;
}
