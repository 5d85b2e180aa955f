import { z } from 'zod';
import { formatInZone, isYearCovered, type CalendarSet } from '../../domain/calendar';
import type { ClockRow } from './sla.tables';
import { calendarFor, deadlineYear, remaining } from '../../domain/sla';
import type { OutboxRegistry } from '../../jobs/outbox';
import type { TicketRegistry } from '../tickets/tickets.service';
import { loadCalendars } from './calendars.service';
import {
  applyStatusChange,
  clocksOf,
  effectivePriority,
  MET_BY_CONTACT,
  reapplyTargets,
  refreshSummary,
  restartProgressClock,
  startTicketClocks,
  stopTargets,
} from './clocks.service';
import { toDomainClock } from './clock-rows';
import { contractOverridesAlongside, getPolicy } from './policies.service';
import { recomputeBatch } from './recompute.service';
import { clockOut, slaInfoOut } from './sla.schemas.out';
import { assertClosable, explanationsOf } from './timeout.service';
import type { AppContext } from '../../context';
import type { TicketRow } from '../tickets/tickets.service';
import { policyNames } from './names';

/**
 * The SLA module's part of the composition root (src/composition.ts): it follows tickets through the
 * ticket registry (same transaction), so the tickets module never depends on it; it adds the `clocks`
 * and `sla` sections to the ticket detail, and runs its own recompute jobs from the outbox.
 */
export function registerSla(modules: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }): void {
  modules.ticketRegistry.react('sla', {
    create: (ctx, ticket, writes) => startTicketClocks(ctx.tx, ctx, ticket, writes),
    // The customer's contract terms, read with the customer when the creation can (resolveSpecs).
    createReads: (ticket) => [contractOverridesAlongside(ticket.customerId, ticket.receivedAt)],
    beforeTransition: async (ctx, { before, to }) => {
      if (to === 'closed') await assertClosable(ctx.tx, before);
    },
    afterTransition: async (ctx, { before, after }) => applyStatusChange(ctx.tx, ctx, before, after),
    afterRegrade: async (ctx, { after }) => {
      await stopTargets(ctx.tx, ctx, after, ['acknowledge'], ctx.clock.now());
      await reapplyTargets(ctx.tx, ctx, after, null);
    },
    afterAssign: async (ctx, { after }) => {
      await stopTargets(ctx.tx, ctx, after, ['acknowledge'], ctx.clock.now());
      await refreshSummary(ctx.tx, ctx, after.id);
    },
    afterEvent: async (ctx, { after, eventType }) => {
      const now = ctx.clock.now();
      if (eventType === 'public_reply' || eventType === 'progress_update') await stopTargets(ctx.tx, ctx, after, MET_BY_CONTACT, now);
      if (eventType === 'progress_update' && effectivePriority(after) === 'urgent') await restartProgressClock(ctx.tx, ctx, after, now);
      await refreshSummary(ctx.tx, ctx, after.id);
    },
  });
  modules.ticketRegistry.section('clocks', { schema: z.array(clockOut), load: async (ctx, ticket) => (await slaView(ctx, ticket)).clocks });
  modules.ticketRegistry.section('sla', { schema: slaInfoOut, load: async (ctx, ticket) => (await slaView(ctx, ticket)).sla });
  modules.outbox.handle('sla.calendar_recompute', 'sla', (ctx, job, message) => recomputeBatch(ctx, job, message));
}

// Both sections come from one read: the registry passes the same row to each loader of one detail.
const views = new WeakMap<TicketRow, ReturnType<typeof slaDetail>>();
function slaView(ctx: AppContext, ticket: TicketRow) {
  let view = views.get(ticket);
  if (!view) views.set(ticket, (view = slaDetail(ctx, ticket)));
  return view;
}

/** `clocks` and `sla` sections of GET /tickets/:id. */
async function slaDetail(ctx: AppContext, ticket: TicketRow) {
  const [rows, calendars, explanations, policy] = await Promise.all([
    clocksOf(ctx.db, ticket.id),
    loadCalendars(ctx),
    explanationsOf(ctx.db, ticket.id),
    ticket.slaPolicyId ? getPolicy(ctx.db, ticket.slaPolicyId) : Promise.resolve(null),
  ]);
  const now = ctx.clock.now();
  const clocks = rows.map((row) => {
    const cal = calendars[row.spec.calendarId];
    const open = row.status === 'running' || row.status === 'paused';
    const left = open && cal ? Math.round(remaining(toDomainClock(row), now, calendarFor(row.spec, calendars))) : null;
    return {
      id: row.id,
      target: row.target as never,
      amount: row.spec.amount,
      unit: row.spec.unit,
      calendar: row.spec.calendarId,
      status: row.status,
      startedAt: row.startedAt,
      dueAt: row.dueAt,
      dueAtLocal: formatInZone(row.dueAt, cal?.timeZone ?? 'Asia/Shanghai'),
      remainingMs: left,
      remaining: left === null ? null : isoDuration(left),
      pausedAt: row.pausedAt,
      stoppedAt: row.stoppedAt,
      breachedAt: row.breachedAt,
      warnedAt: row.warnedAt,
      lateByMs: lateBy(row, now),
    };
  });
  return {
    clocks,
    sla: {
      policy: policy ? { id: policy.id, key: policy.key, version: policy.version, name: policy.name, names: policyNames(policy) } : null,
      breached: ticket.slaBreached,
      closeNeedsApprovedExplanation: ticket.slaBreached && !explanations.some((e) => e.status === 'approved'),
      explanations,
      warnings: missingYears(rows, calendars),
    },
  };
}

/**
 * Lateness in wall-clock time ("24 分钟" late is what the customer waited). A cancelled clock is never
 * late: the promise was withdrawn. A running clock past due that the sweep has not reached yet is late.
 */
export function lateBy(row: Pick<ClockRow, 'status' | 'dueAt' | 'stoppedAt'>, now: Date): number | null {
  if (row.status === 'met' || row.status === 'cancelled' || row.status === 'paused') return null;
  const late = (row.stoppedAt ?? now).getTime() - row.dueAt.getTime();
  return row.status === 'breached' ? Math.max(late, 0) : late > 0 ? late : null;
}

/** Open clocks whose due time falls in a year the calendar has no holiday data for: never a silent guess. */
function missingYears(rows: ClockRow[], calendars: CalendarSet) {
  const out = new Map<string, { code: string; year: number; calendarId: string }>();
  for (const row of rows) {
    if (row.status !== 'running' && row.status !== 'paused') continue;
    if (row.spec.unit === 'clock_minutes' || row.spec.unit === 'clock_hours') continue;
    const cal = calendars[row.spec.calendarId];
    const year = deadlineYear(row.dueAt, row.spec.unit, cal?.timeZone ?? 'Asia/Shanghai');
    if (cal && !isYearCovered(cal, year)) out.set(`${cal.id}/${year}`, { code: 'calendar_year_missing', year, calendarId: cal.id });
  }
  return [...out.values()];
}

/** 5_400_000 → PT1H30M; −300_000 → -PT5M; sub-second precision dropped. */
export function isoDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `${sign}P${d ? `${d}D` : ''}${time ? `T${time}` : d ? '' : 'T0S'}`;
}
