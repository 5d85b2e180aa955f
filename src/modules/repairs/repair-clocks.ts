import type { TxContext } from '../../context';
import { REPAIR_CLOCKS, type RepairClockTarget } from '../../domain/repair';
import { effectivePriority } from '../sla/clocks.service';
import { cancelClocks, clocksOfSubject, startClock, stopClock } from '../sla/subject-clocks';
import type { TicketRow } from '../tickets/tickets.service';
import { REPAIR_SUBJECT } from './repairs.sla-subject';

// The repair order's clocks (src/domain/repair/repair.clocks.ts), always changed by a writer that
// holds the ticket and repair locks (step 2 of the lock order).

const key = (repairId: string) => ({ subjectType: REPAIR_SUBJECT, subjectId: repairId });

/**
 * Starts the target's clock unless one was already started for this repair (a re-dispatch keeps the
 * first). The on-site visit is a target SLA policies know (000 §保修服务, with contract overrides):
 * it follows the ticket's policy and customer contract when they promise it, else RULES.md's 48 h.
 */
export async function startRepairClock(ctx: TxContext, repairId: string, target: RepairClockTarget, at: Date, ticket?: TicketRow): Promise<void> {
  const existing = await clocksOfSubject(ctx.tx, REPAIR_SUBJECT, repairId);
  if (existing.some((c) => c.target === target)) return;
  if (target === 'onSiteVisit' && ticket) {
    const terms = { policyId: ticket.slaPolicyId, requestType: ticket.requestType, priority: effectivePriority(ticket), customerId: ticket.customerId, at };
    if (await startClock(ctx.tx, ctx, { ...key(repairId), target, startedAt: at, terms })) return;
  }
  await startClock(ctx.tx, ctx, { ...key(repairId), target, startedAt: at, spec: REPAIR_CLOCKS[target].spec });
}

export async function stopRepairClock(ctx: TxContext, repairId: string, target: RepairClockTarget, at: Date): Promise<void> {
  await stopClock(ctx.tx, ctx, { ...key(repairId), target, at });
}

export async function cancelRepairClocks(ctx: TxContext, repairId: string, at: Date): Promise<void> {
  await cancelClocks(ctx.tx, ctx, { ...key(repairId), targets: 'all', at });
}

export const repairClocks = (db: Parameters<typeof clocksOfSubject>[0], repairId: string) => clocksOfSubject(db, REPAIR_SUBJECT, repairId);

/** The engineer arrived: the repair's on-site clock is met (met late: recorded as a breach). */
export async function metOnSite(ctx: TxContext, repairId: string, at: Date): Promise<void> {
  await stopRepairClock(ctx, repairId, 'onSiteVisit', at);
}
