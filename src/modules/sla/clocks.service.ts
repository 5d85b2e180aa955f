import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { CalendarSet, CalendarWarning } from '../../domain/calendar';
import {
  calendarFor,
  pauseClock,
  recompute,
  resolveTargets,
  resumeClock,
  runsIn,
  startClock,
  stopClock,
  targetsPausedBy,
  warningAt,
  type SlaClock,
  type TargetName,
  type TargetSpec,
} from '../../domain/sla';
import type { Priority, RequestType } from '../../domain/ticket/ticket.schemas';
import { OPEN_STATUSES, type TicketStatus } from '../../domain/ticket/ticket.status';
import { enqueue } from '../../jobs/outbox';
import { setTicketSlaSummary, type NewTicketFields, type TicketRow, type TicketSlaSummary } from '../tickets/tickets.service';
import { announce } from './announce';
import { loadCalendars } from './calendars.service';
import { clockColumns, isOpen, toDomainClock } from './clock-rows';
import { contractOverridesFor, defaultPolicy, getPolicy } from './policies.service';
import { slaClocks, type ClockRow } from './sla.tables';

// Everything here runs inside a ticket writer's transaction that already holds the ticket's row
// lock (src/db/lock-order.ts): a clock is only ever changed under its ticket's lock, which is what
// keeps the sweeps (breach.service.ts) and the writers from recording a breach twice or deadlocking.

// Clocks that start when the request is received. followUp starts at resolution; the later flows'
// targets (on-site visit, return review, refund, exchange shipment) start when those flows exist.
const STARTED_AT_RECEIPT: readonly TargetName[] = ['acknowledge', 'firstResponse', 'resolution', 'progressUpdate', 'complaintContact', 'complaintResolution'];
/** Contacting the customer meets these (response time = receipt → first contact, 001 §三.6). */
export const MET_BY_CONTACT: readonly TargetName[] = ['acknowledge', 'firstResponse', 'complaintContact'];

/** Until graded, clocks run on the customer's stated urgency, else general; grading recomputes them. */
export function effectivePriority(t: Pick<NewTicketFields, 'priority' | 'customerUrgency'>): Priority {
  return t.priority ?? t.customerUrgency ?? 'general';
}

async function specsFor(tx: DbOrTx, ctx: AppContext, ticket: NewTicketFields, policyId: string | null) {
  const policy = policyId ? await getPolicy(tx, policyId) : await defaultPolicy(ctx, tx);
  const overrides = await contractOverridesFor(tx, ticket.customerId, ticket.receivedAt);
  return { policy, specs: resolveTargets(policy, ticket.requestType as RequestType, effectivePriority(ticket), overrides) };
}

async function warnMissingYears(tx: DbOrTx, ctx: AppContext, warnings: CalendarWarning[]): Promise<void> {
  for (const w of warnings) await enqueue(tx, ctx.clock.now(), 'sla.calendar_year_missing', { ...w });
}

async function insertClock(tx: DbOrTx, ctx: AppContext, ticketId: string, policyId: string, target: TargetName, spec: TargetSpec, at: Date, calendars: CalendarSet) {
  const { clock, warnings } = startClock(target, spec, at, calendars);
  await tx.insert(slaClocks).values({ id: randomUUID(), ticketId, policyId, target, ...clockColumns(clock), warnAt: warningAt(clock, calendarFor(spec, calendars)) });
  await warnMissingYears(tx, ctx, warnings);
}

async function saveClock(tx: DbOrTx, row: ClockRow, clock: SlaClock, calendars: CalendarSet, extra: Partial<ClockRow> = {}) {
  const warnAt = clock.status === 'running' ? warningAt(clock, calendarFor(clock.spec, calendars)) : row.warnAt;
  await tx.update(slaClocks).set({ ...clockColumns(clock), warnAt, ...extra }).where(eq(slaClocks.id, row.id));
}

export async function clocksOf(db: DbOrTx, ticketId: string): Promise<ClockRow[]> {
  return db.select().from(slaClocks).where(eq(slaClocks.ticketId, ticketId)).orderBy(asc(slaClocks.startedAt), asc(slaClocks.target));
}

/** Starts the ticket's clocks from when the request really arrived (imports keep their past). */
export async function startTicketClocks(tx: DbOrTx, ctx: AppContext, ticket: NewTicketFields): Promise<Partial<TicketSlaSummary>> {
  const calendars = await loadCalendars(ctx, tx);
  const { policy, specs } = await specsFor(tx, ctx, ticket, null);
  // One multi-row insert and a summary computed from what was just started: this runs on every
  // ticket creation, the hottest write path.
  const rows = [];
  const warnings: CalendarWarning[] = [];
  for (const target of STARTED_AT_RECEIPT) {
    const spec = specs[target];
    if (!spec) continue;
    const started = startClock(target, spec, ticket.receivedAt, calendars);
    warnings.push(...started.warnings);
    rows.push({ id: randomUUID(), ticketId: ticket.id, policyId: policy.id, target, ...clockColumns(started.clock), warnAt: warningAt(started.clock, calendarFor(spec, calendars)) });
  }
  if (rows.length) await tx.insert(slaClocks).values(rows);
  await warnMissingYears(tx, ctx, warnings);
  const next = rows.reduce<Date | null>((min, r) => (!min || r.dueAt < min ? r.dueAt : min), null);
  // Returned as columns of the ticket's INSERT: an UPDATE afterwards would rewrite every index entry.
  return { slaPolicyId: policy.id, slaState: rows.length ? 'running' : 'none', slaNextDueAt: next, slaBreached: false };
}

/** Records one breach (a clock stopped or paused late); the sweep records many the same way. */
async function recordBreach(tx: DbOrTx, ctx: AppContext, row: ClockRow, now: Date) {
  await announce(tx, ctx, [{ ticketId: row.ticketId, target: row.target, dueAt: row.dueAt, spec: row.spec }], 'breached', now);
}

async function cancelClocks(tx: DbOrTx, where: SQL | undefined, now: Date) {
  await tx.update(slaClocks).set({ status: 'cancelled', stoppedAt: now }).where(where);
}

/** Stops the named open clocks at `at` (met if on time, breached if late). */
export async function stopTargets(tx: DbOrTx, ctx: AppContext, ticket: TicketRow, targets: readonly TargetName[] | 'all', at: Date): Promise<void> {
  const calendars = await loadCalendars(ctx, tx);
  for (const row of await clocksOf(tx, ticket.id)) {
    if (!isOpen(row) || (targets !== 'all' && !targets.includes(row.target as TargetName))) continue;
    const stopped = stopClock(toDomainClock(row), at);
    await saveClock(tx, row, stopped, calendars, stopped.status === 'breached' && !row.breachRecordedAt ? { breachRecordedAt: at } : {});
    if (stopped.status === 'breached' && !row.breachRecordedAt) await recordBreach(tx, ctx, row, at);
  }
}

/** A status change pauses, resumes, stops or starts clocks (RULES: repair time excludes waiting for parts). */
export async function applyStatusChange(tx: DbOrTx, ctx: AppContext, before: TicketRow, after: TicketRow): Promise<void> {
  const now = ctx.clock.now();
  const to = after.status as TicketStatus;
  const calendars = await loadCalendars(ctx, tx);
  const stopsAll = to === 'resolved' || to === 'followed_up' || to === 'closed';
  // Any handling step tells the customer the request was received (stopping all clocks includes it).
  if (!stopsAll) await stopTargets(tx, ctx, after, ['acknowledge'], now);

  if (to === 'cancelled') {
    await cancelClocks(tx, and(eq(slaClocks.ticketId, after.id), inArray(slaClocks.status, ['running', 'paused'])), now);
  } else if (to === 'resolved') {
    await stopTargets(tx, ctx, after, 'all', now);
    const { policy, specs } = await specsFor(tx, ctx, after, after.slaPolicyId);
    if (specs.followUp) await insertClock(tx, ctx, after.id, policy.id, 'followUp', specs.followUp, now, calendars); // 回访
  } else if (to === 'followed_up' || to === 'closed') {
    await stopTargets(tx, ctx, after, 'all', now);
  } else if (before.status === 'resolved' || before.status === 'followed_up') {
    await reopenClocks(tx, ctx, after, now, calendars);
  } else {
    for (const row of await clocksOf(tx, after.id)) {
      if (!isOpen(row)) continue;
      const clock = toDomainClock(row);
      const target = row.target as TargetName;
      if (row.status === 'running' && targetsPausedBy(to).includes(target)) {
        const paused = pauseClock(clock, now);
        await saveClock(tx, row, paused, calendars, paused.status === 'breached' ? { breachRecordedAt: now } : {});
        if (paused.status === 'breached') await recordBreach(tx, ctx, row, now);
      } else if (row.status === 'paused' && runsIn(target, to)) {
        const { clock: resumed, warnings } = resumeClock(clock, now, calendarFor(clock.spec, calendars));
        await saveClock(tx, row, resumed, calendars);
        await warnMissingYears(tx, ctx, warnings);
      }
    }
  }
  await refreshSummary(tx, ctx, after.id);
}

/** Reopening: the follow-up is no longer due; a met resolution clock runs on, the resolved time excluded. */
async function reopenClocks(tx: DbOrTx, ctx: AppContext, ticket: TicketRow, now: Date, calendars: CalendarSet) {
  for (const row of await clocksOf(tx, ticket.id)) {
    if (row.target === 'followUp' && isOpen(row)) await cancelClocks(tx, eq(slaClocks.id, row.id), now);
  }
  const rows = await clocksOf(tx, ticket.id);
  const resolution = rows.filter((r) => r.target === 'resolution').at(-1);
  if (resolution?.status === 'met' && resolution.stoppedAt) {
    const asPaused: SlaClock = { ...toDomainClock(resolution), status: 'paused', pausedAt: resolution.stoppedAt, stoppedAt: null };
    const { clock, warnings } = resumeClock(asPaused, now, calendarFor(asPaused.spec, calendars));
    await saveClock(tx, resolution, clock, calendars);
    await warnMissingYears(tx, ctx, warnings);
  }
  if (effectivePriority(ticket) === 'urgent') await restartProgressClock(tx, ctx, ticket, now);
}

/** 进展通报 urgent tickets: each progress update starts the next interval. */
export async function restartProgressClock(tx: DbOrTx, ctx: AppContext, ticket: TicketRow, now: Date): Promise<void> {
  await stopTargets(tx, ctx, ticket, ['progressUpdate'], now);
  const { policy, specs } = await specsFor(tx, ctx, ticket, ticket.slaPolicyId);
  if (specs.progressUpdate) await insertClock(tx, ctx, ticket.id, policy.id, 'progressUpdate', specs.progressUpdate, now, await loadCalendars(ctx, tx));
}

/**
 * Re-grading or re-applying a policy: open clocks are recomputed from their original start under the
 * new targets (pauses still excluded); targets the new grade adds start, ones it drops are cancelled.
 */
export async function reapplyTargets(tx: DbOrTx, ctx: AppContext, ticket: TicketRow, policyId: string | null): Promise<void> {
  const now = ctx.clock.now();
  const calendars = await loadCalendars(ctx, tx);
  const { policy, specs } = await specsFor(tx, ctx, ticket, policyId ?? ticket.slaPolicyId);
  const rows = await clocksOf(tx, ticket.id);
  for (const row of rows) {
    if (!isOpen(row)) continue;
    const spec = specs[row.target as TargetName];
    if (!spec) {
      await cancelClocks(tx, eq(slaClocks.id, row.id), now);
      continue;
    }
    const { clock, warnings } = recompute(toDomainClock(row), spec, calendars);
    await saveClock(tx, row, clock, calendars, { policyId: policy.id, warnedAt: null });
    await warnMissingYears(tx, ctx, warnings);
  }
  if (OPEN_STATUSES.includes(ticket.status)) {
    for (const target of STARTED_AT_RECEIPT) {
      if (!specs[target] || rows.some((r) => r.target === target)) continue;
      // A new progress interval counts from now; a target the grade adds counts from receipt.
      await insertClock(tx, ctx, ticket.id, policy.id, target, specs[target]!, target === 'progressUpdate' ? now : ticket.receivedAt, calendars);
    }
  }
  await refreshSummary(tx, ctx, ticket.id, policy.id);
}

/** Keeps the ticket's queue columns (state, next due time, breached flag) in step with its clocks. */
export async function refreshSummary(tx: DbOrTx, ctx: AppContext, ticketId: string, policyId?: string): Promise<void> {
  const rows = await clocksOf(tx, ticketId);
  const open = rows.filter(isOpen);
  const running = open.filter((r) => r.status === 'running');
  const breached = rows.some((r) => r.status === 'breached');
  const now = ctx.clock.now().getTime();
  const warning = running.some((r) => r.warnedAt || (r.warnAt && r.warnAt.getTime() <= now));
  const state: TicketSlaSummary['slaState'] =
    open.length && breached ? 'breached'
    : warning ? 'warning'
    : running.length ? 'running'
    : open.length ? 'paused'
    : breached ? 'breached'
    : rows.length ? 'met'
    : 'none';
  const next = running.reduce<Date | null>((min, r) => (!min || r.dueAt < min ? r.dueAt : min), null);
  await setTicketSlaSummary(tx, ticketId, { slaState: state, slaNextDueAt: next, slaBreached: breached, ...(policyId ? { slaPolicyId: policyId } : {}) });
}
