import type { TxContext } from '../../context';
import type { IsRestDay } from '../../domain/calendar/rest-day-shift';
import { dayCountDeadline } from '../../domain/returns/day-count';
import { endOfChinaDay, RMA_CLOCKS, specUntil, type RmaClockTarget } from '../../domain/returns/rma.clocks';
import { localDate } from '../../domain/shared/local-date';
import { effectivePriority } from '../sla/clocks.service';
import { cancelClocks, clocksOfSubject, startClock, stopClock } from '../sla/subject-clocks';
import type { TicketRow } from '../tickets/tickets.service';
import { RMA_SUBJECT } from './rma.sla-subject';

// The RMA's clocks (src/domain/returns/rma.clocks.ts), changed only by a writer holding the ticket and
// RMA locks (step 2 of the lock order).
const key = (id: string) => ({ subjectType: RMA_SUBJECT, subjectId: id });

export interface RmaClockStart {
  ticket: TicketRow;
  kind: 'return' | 'exchange';
  at: Date;
  /** For the customer's 3-day shipping window (a Civil Code day count). */
  isRestDay?: IsRestDay;
}

/** The last day the customer may ship (Civil Code day count from the approval day). */
export function shipByDay(approvedAt: Date, isRestDay?: IsRestDay): string {
  return dayCountDeadline(localDate(approvedAt), RMA_CLOCKS.returnShipment.days, isRestDay).until;
}

export async function startRmaClock(ctx: TxContext, id: string, target: RmaClockTarget, s: RmaClockStart): Promise<void> {
  const existing = await clocksOfSubject(ctx.tx, RMA_SUBJECT, id);
  if (existing.some((c) => c.target === target)) return;
  if (target === 'returnReview') {
    // The ticket's policy (and the customer's contract) decide the review time: 000's 24 h or 003's 12 h.
    const terms = { policyId: s.ticket.slaPolicyId, requestType: s.kind, priority: effectivePriority(s.ticket), customerId: s.ticket.customerId, at: s.at };
    if (await startClock(ctx.tx, ctx, { ...key(id), target, startedAt: s.at, terms })) return;
    await startClock(ctx.tx, ctx, { ...key(id), target, startedAt: s.at, spec: RMA_CLOCKS.returnReview.spec });
    return;
  }
  if (target === 'returnShipment') {
    const due = endOfChinaDay(shipByDay(s.at, s.isRestDay));
    await startClock(ctx.tx, ctx, { ...key(id), target, startedAt: s.at, spec: specUntil(due, s.at) });
    return;
  }
  if (target === 'exchangeShipment') {
    const terms = {
      policyId: s.ticket.slaPolicyId,
      requestType: 'exchange' as const,
      priority: effectivePriority(s.ticket),
      customerId: s.ticket.customerId,
      at: s.at,
    };
    if (await startClock(ctx.tx, ctx, { ...key(id), target, startedAt: s.at, terms })) return;
  }
  await startClock(ctx.tx, ctx, { ...key(id), target, startedAt: s.at, spec: RMA_CLOCKS[target].spec });
}

export const stopRmaClock = (ctx: TxContext, id: string, target: RmaClockTarget, at: Date) => stopClock(ctx.tx, ctx, { ...key(id), target, at });
export const cancelRmaClocks = (ctx: TxContext, id: string, at: Date) => cancelClocks(ctx.tx, ctx, { ...key(id), targets: 'all', at });
export const rmaClocks = (db: Parameters<typeof clocksOfSubject>[0], id: string) => clocksOfSubject(db, RMA_SUBJECT, id);
