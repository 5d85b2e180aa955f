import type { StatementBatch } from '../../db/statement-batch';
import { insertRows } from '../../db/compiled';
import { enqueueWith } from '../../jobs/outbox';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  acknowledgedAtReceipt,
  needsExplanation,
  resumeClock,
  startClock as startDomainClock,
  stopClock,
  calendarFor,
  recompute,
  warningAt,
  type SlaClock,
  type TargetName,
  ticketSlaState,
} from '../../domain/sla';
import type { CalendarWarning } from '../../domain/calendar';
import type { DbOrTx } from '../../db/client';
import type { Priority, RequestType } from '../../domain/ticket/ticket.schemas';
import { OPEN_STATUSES, TICKET_LIFECYCLE, type TicketStatus } from '../../domain/ticket/ticket.status';
import { setTicketSlaSummary, type NewTicketFields, type TicketRow, type TicketSlaSummary } from '../tickets/tickets.service';
import { loadCalendars } from './calendars.service';
import { findPolicy } from './policies.service';
import { clockColumns, isOpen, toDomainClock } from './clock-rows';
import { slaClocks, type ClockRow } from './sla.tables';
import {
  applyPauseRules,
  cancelClockRow,
  cancelClocks,
  clocksOfSubject,
  clocksOfSubjects,
  resolveSpecs,
  saveClock,
  startClock,
  stopClocks,
  warnMissingYears,
  type ClockCtx,
} from './subject-clocks';

// The ticket's clocks, built on the clocks of any subject (subject-clocks.ts) with subject type
// 'ticket'. Everything here runs inside a ticket writer's transaction that already holds the
// ticket's row lock (src/db/lock-order.ts).

// Clocks that start when the request is received. followUp runs on the follow-up task from
// resolution (src/modules/followups), not on the ticket; the later flows' targets (on-site visit,
// return review, refund, exchange shipment) start on their own subjects (src/modules/sla/subjects.ts).
export const STARTED_AT_RECEIPT: readonly TargetName[] = [
  'acknowledge',
  'firstResponse',
  'resolution',
  'progressUpdate',
  'complaintContact',
  'complaintResolution',
];
/** Contacting the customer meets these (response time = receipt → first contact, 001 §三.6). */
export const MET_BY_CONTACT: readonly TargetName[] = ['acknowledge', 'firstResponse', 'complaintContact'];

const ticket = (id: string) => ({ subjectType: 'ticket', subjectId: id }) as const;

/** Until graded, clocks run on the customer's stated urgency, else general; grading recomputes them. */
export function effectivePriority(t: Pick<NewTicketFields, 'priority' | 'customerUrgency'>): Priority {
  return t.priority ?? t.customerUrgency ?? 'general';
}

function specsFor(tx: DbOrTx, ctx: ClockCtx, t: NewTicketFields, policyId: string | null) {
  return resolveSpecs(tx, ctx, {
    policyId,
    requestType: t.requestType as RequestType,
    priority: effectivePriority(t),
    customerId: t.customerId,
    at: t.receivedAt,
  });
}

export async function clocksOf(db: DbOrTx, ticketId: string): Promise<ClockRow[]> {
  return clocksOfSubject(db, 'ticket', ticketId);
}

/** The clocks of many tickets, by ticket id: one statement for a batch of report facts. */
export function clocksOfTickets(db: DbOrTx, ticketIds: readonly string[]): Promise<Map<string, ClockRow[]>> {
  return clocksOfSubjects(db, 'ticket', ticketIds);
}

/** Starts the ticket's clocks from when the request really arrived (imports keep their past). */
export async function startTicketClocks(tx: DbOrTx, ctx: ClockCtx, t: NewTicketFields, writes: StatementBatch): Promise<Partial<TicketSlaSummary>> {
  const calendars = await loadCalendars(ctx, tx);
  const { policy, specs } = await specsFor(tx, ctx, t, null);
  // One multi-row insert and a summary computed from what was just started: this runs on every
  // ticket creation, the hottest write path.
  const rows = [];
  const warnings: CalendarWarning[] = [];
  for (const target of STARTED_AT_RECEIPT) {
    const spec = specs[target];
    if (!spec) continue;
    const started = startDomainClock(target, spec, t.receivedAt, calendars);
    warnings.push(...started.warnings);
    // The conversation that registers a phone call or a walk-in acknowledges it (policy setting):
    // the clock is kept, met at receipt, so it counts in the on-time rate.
    if (target === 'acknowledge' && acknowledgedAtReceipt(policy, t.channel)) started.clock = stopClock(started.clock, t.receivedAt);
    rows.push({
      id: randomUUID(),
      ...ticket(t.id),
      policyId: policy.id,
      target,
      ...clockColumns(started.clock),
      warnAt: warningAt(started.clock, calendarFor(spec, calendars)),
    });
  }
  // Sent with the ticket's own row (its creation is one statement); clocks are keyed by subject, no FK.
  if (rows.length) writes.add(insertRows(slaClocks, rows));
  for (const w of warnings) enqueueWith(writes, ctx.clock.now(), 'sla.calendar_year_missing', { ...w });
  const next = rows.reduce<Date | null>((min, r) => (r.status !== 'running' || (min && r.dueAt >= min) ? min : r.dueAt), null);
  // Returned as columns of the ticket's INSERT: an UPDATE afterwards would rewrite every index entry.
  return { slaPolicyId: policy.id, slaState: next ? 'running' : rows.length ? 'met' : 'none', slaNextDueAt: next, slaBreached: false };
}

/** Stops the named open clocks at `at` (met if on time, breached if late). */
export async function stopTargets(tx: DbOrTx, ctx: ClockCtx, t: Pick<TicketRow, 'id'>, targets: readonly TargetName[] | 'all', at: Date): Promise<void> {
  await stopClocks(tx, ctx, { ...ticket(t.id), targets, at });
}

/** A status change pauses, resumes, stops or starts clocks (RULES: repair time excludes waiting for parts). */
export async function applyStatusChange(tx: DbOrTx, ctx: ClockCtx, before: TicketRow, after: TicketRow): Promise<void> {
  const now = ctx.clock.now();
  const to = after.status as TicketStatus;
  const stopsAll = to === 'resolved' || to === 'followed_up' || to === 'closed';
  // Any handling step tells the customer the request was received (stopping all clocks includes it).
  if (!stopsAll) await stopTargets(tx, ctx, after, ['acknowledge'], now);

  if (to === 'cancelled') {
    await cancelClocks(tx, ctx, { ...ticket(after.id), targets: 'all', at: now });
  } else if (stopsAll) {
    // 回访 is not the ticket's clock: resolving creates a follow-up task whose own clock (the policy's
    // followUp target on the `followup` subject, src/modules/followups) is the only follow-up deadline.
    await stopTargets(tx, ctx, after, 'all', now);
  } else if (before.status === 'resolved' || before.status === 'followed_up') {
    await reopenClocks(tx, ctx, after, now);
  } else {
    await applyPauseRules(tx, ctx, { ...ticket(after.id), lifecycle: TICKET_LIFECYCLE, status: to, at: now });
  }
  await refreshSummary(tx, ctx, after.id);
}

/** Reopening: a met resolution clock runs on, the resolved time excluded. */
async function reopenClocks(tx: DbOrTx, ctx: ClockCtx, t: TicketRow, now: Date) {
  // A ticket-level follow-up clock started before follow-ups had their own task is no longer due.
  await cancelClocks(tx, ctx, { ...ticket(t.id), targets: ['followUp'], at: now });
  const rows = await clocksOf(tx, t.id);
  const resolution = rows.filter((r) => r.target === 'resolution').at(-1);
  if (resolution?.status === 'met' && resolution.stoppedAt) {
    const calendars = await loadCalendars(ctx, tx);
    const asPaused: SlaClock = { ...toDomainClock(resolution), status: 'paused', pausedAt: resolution.stoppedAt, stoppedAt: null };
    const { clock, warnings } = resumeClock(asPaused, now, calendarFor(asPaused.spec, calendars));
    await saveClock(tx, resolution, clock, calendars);
    await warnMissingYears(tx, ctx, warnings);
  }
  // A resolution done late and reopened is not done after all: its lateness grows again.
  if (resolution?.status === 'breached' && resolution.stoppedAt) await tx.update(slaClocks).set({ stoppedAt: null }).where(eq(slaClocks.id, resolution.id));
  if (effectivePriority(t) === 'urgent') await restartProgressClock(tx, ctx, t, now);
}

/** 进展通报 urgent tickets: each progress update starts the next interval. */
export async function restartProgressClock(tx: DbOrTx, ctx: ClockCtx, t: TicketRow, now: Date): Promise<void> {
  await stopTargets(tx, ctx, t, ['progressUpdate'], now);
  const { policy, specs } = await specsFor(tx, ctx, t, t.slaPolicyId);
  if (specs.progressUpdate)
    await startClock(tx, ctx, { ...ticket(t.id), target: 'progressUpdate', spec: specs.progressUpdate, policyId: policy.id, startedAt: now });
}

/**
 * Re-grading or re-applying a policy: open clocks are recomputed from their original start under the
 * new targets (pauses still excluded); targets the new grade adds start, ones it drops are cancelled.
 */
export async function reapplyTargets(tx: DbOrTx, ctx: ClockCtx, t: TicketRow, policyId: string | null): Promise<void> {
  const now = ctx.clock.now();
  const calendars = await loadCalendars(ctx, tx);
  const { policy, specs } = await specsFor(tx, ctx, t, policyId ?? t.slaPolicyId);
  const rows = await clocksOf(tx, t.id);
  for (const row of rows) {
    if (!isOpen(row)) continue;
    const spec = specs[row.target as TargetName];
    if (!spec) {
      await cancelClockRow(tx, row.id, now);
      continue;
    }
    const { clock, warnings } = recompute(toDomainClock(row), spec, calendars);
    await saveClock(tx, row, clock, calendars, { policyId: policy.id, warnedAt: null });
    await warnMissingYears(tx, ctx, warnings);
  }
  if (OPEN_STATUSES.includes(t.status)) {
    for (const target of STARTED_AT_RECEIPT) {
      if (!specs[target] || rows.some((r) => r.target === target)) continue;
      // A new progress interval counts from now; a target the grade adds counts from receipt.
      await startClock(tx, ctx, {
        ...ticket(t.id),
        target,
        spec: specs[target]!,
        policyId: policy.id,
        startedAt: target === 'progressUpdate' ? now : t.receivedAt,
      });
    }
  }
  await refreshSummary(tx, ctx, t.id, policy.id);
}

/** Overdue (slaBreached): a breached clock whose policy version asks for a 超时说明 for its target. */
async function overdue(tx: DbOrTx, rows: ClockRow[]): Promise<boolean> {
  const breached = rows.filter((r) => r.status === 'breached');
  for (const policyId of new Set(breached.map((r) => r.policyId))) {
    const policy = policyId ? await findPolicy(tx, policyId) : null;
    if (breached.some((r) => r.policyId === policyId && needsExplanation(policy, r.target))) return true;
  }
  return false;
}

/** Keeps the ticket's queue columns (state, next due time, breached flag) in step with its clocks. */
export async function refreshSummary(tx: DbOrTx, ctx: Pick<ClockCtx, 'clock'>, ticketId: string, policyId?: string): Promise<void> {
  const rows = await clocksOf(tx, ticketId);
  const open = rows.filter(isOpen);
  const running = open.filter((r) => r.status === 'running');
  const breached = await overdue(tx, rows);
  const now = ctx.clock.now().getTime();
  const warning = running.some((r) => r.warnedAt || (r.warnAt && r.warnAt.getTime() <= now));
  const state: TicketSlaSummary['slaState'] = ticketSlaState({ clocks: rows.length, open: open.length, running: running.length, breached, warning });
  const next = running.reduce<Date | null>((min, r) => (!min || r.dueAt < min ? r.dueAt : min), null);
  await setTicketSlaSummary(tx, ticketId, { slaState: state, slaNextDueAt: next, slaBreached: breached, ...(policyId ? { slaPolicyId: policyId } : {}) });
}
