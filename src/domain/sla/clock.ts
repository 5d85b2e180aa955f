// SLA clock state machine (计时器), pure. A clock is fully described by its spec, start, closed pause
// intervals and the open pause; dueAt is derived (and stored by the server for indexing):
//   dueAt = nominal due of the spec from startedAt, pushed later by the working time spent paused.
// Re-grading, a policy re-apply or a calendar-year edit therefore just recomputes from the history.
//
// running ──pause──▶ paused ──resume──▶ running
//    │ stop ≤ due: met   │ stop: met (a pause always starts before the due time)
//    │ stop > due or markBreached(now ≥ due): breached (terminal; stop still records stoppedAt)
// Pauses are measured precisely in the clock's measure: a 2-h pause on a working-days clock (whole-day
// calendar) moves a 24:00 deadline to 02:00 the next working day — the remaining working time is exact.
// Pause on a paused clock and resume on a running one are no-ops, because the server drives clocks
// from ticket statuses and two statuses may ask for the same thing.
import type { Calendar, CalendarSet } from '../calendar/calendar';
import type { CalendarWarning } from '../calendar/working-time';
import { advance, calendarFor, computeTargetDue, dedupeWarnings, elapsedMs } from './due-times';
import type { TargetName, TargetSpec } from './targets';

export const CLOCK_STATUSES = ['running', 'paused', 'met', 'breached'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export interface PauseInterval {
  from: Date;
  to: Date;
}

export interface SlaClock {
  target: TargetName;
  spec: TargetSpec;
  startedAt: Date;
  dueAt: Date;
  status: ClockStatus;
  /** Start of the current pause (status 'paused'). */
  pausedAt: Date | null;
  /** Closed pauses, oldest first. */
  pauses: readonly PauseInterval[];
  stoppedAt: Date | null;
  /** The due time that was missed; set once. */
  breachedAt: Date | null;
}

export interface ClockResult {
  clock: SlaClock;
  warnings: CalendarWarning[];
}

export function startClock(target: TargetName, spec: TargetSpec, startedAt: Date, calendars: CalendarSet): ClockResult {
  const { dueAt, warnings } = computeTargetDue(spec, startedAt, calendars);
  return {
    clock: { target, spec, startedAt, dueAt, status: 'running', pausedAt: null, pauses: [], stoppedAt: null, breachedAt: null },
    warnings,
  };
}

/** Pausing after the due time cannot undo the breach: the clock becomes breached instead. */
export function pauseClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.status !== 'running') return clock;
  if (at.getTime() >= clock.dueAt.getTime()) return { ...clock, status: 'breached', breachedAt: clock.dueAt };
  return { ...clock, status: 'paused', pausedAt: at };
}

/** Keeps the remaining working time: dueAt moves later by the working time the pause covered. */
export function resumeClock(clock: SlaClock, at: Date, calendar: Calendar): ClockResult {
  if (clock.status !== 'paused' || !clock.pausedAt) return { clock, warnings: [] };
  if (at.getTime() < clock.pausedAt.getTime()) throw new RangeError('resume before pause');
  const warnings: CalendarWarning[] = [];
  const pausedMs = elapsedMs(clock.spec.unit, clock.pausedAt, at, calendar, warnings);
  const dueAt = advance(clock.spec.unit, clock.dueAt, pausedMs, calendar, warnings);
  return {
    clock: {
      ...clock,
      status: 'running',
      dueAt,
      pausedAt: null,
      pauses: [...clock.pauses, { from: clock.pausedAt, to: at }],
    },
    warnings: dedupeWarnings(warnings),
  };
}

/** The target was met (or finally done, late). A breached clock keeps its status. */
export function stopClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.stoppedAt) return clock;
  if (clock.status === 'breached') return { ...clock, stoppedAt: at };
  // A paused clock was paused before its due time, so stopping it now meets the target.
  const late = clock.status === 'running' && at.getTime() > clock.dueAt.getTime();
  return {
    ...clock,
    status: late ? 'breached' : 'met',
    breachedAt: late ? clock.dueAt : null,
    pausedAt: null,
    pauses: clock.status === 'paused' && clock.pausedAt ? [...clock.pauses, { from: clock.pausedAt, to: at }] : clock.pauses,
    stoppedAt: at,
  };
}

/** For the breach job: a running clock at or past its due time becomes breached (once). */
export function markBreached(clock: SlaClock, now: Date): SlaClock {
  if (clock.status !== 'running' || now.getTime() < clock.dueAt.getTime()) return clock;
  return { ...clock, status: 'breached', breachedAt: clock.dueAt };
}

/** The instant up to which the clock has consumed time. */
function referenceTime(clock: SlaClock, now: Date): Date {
  if (clock.stoppedAt) return clock.stoppedAt;
  if (clock.status === 'paused' && clock.pausedAt) return clock.pausedAt;
  return now;
}

/** Remaining time in the clock's measure (ms of working time, or clock ms); negative when overdue. */
export function remaining(clock: SlaClock, now: Date, calendar: Calendar): number {
  return elapsedMs(clock.spec.unit, referenceTime(clock, now), clock.dueAt, calendar);
}

function pausedMeasure(clock: SlaClock, calendar: Calendar, warnings?: CalendarWarning[]): number {
  return clock.pauses.reduce((sum, p) => sum + elapsedMs(clock.spec.unit, p.from, p.to, calendar, warnings), 0);
}

/** Time consumed (pauses excluded) and the whole budget, both in the clock's measure. */
export function usage(clock: SlaClock, now: Date, calendar: Calendar): { usedMs: number; budgetMs: number } {
  const paused = pausedMeasure(clock, calendar);
  const span = (to: Date) => elapsedMs(clock.spec.unit, clock.startedAt, to, calendar);
  return { usedMs: span(referenceTime(clock, now)) - paused, budgetMs: span(clock.dueAt) - paused };
}

/** The 80 % warning: an open clock that has used at least `threshold` of its budget. */
export function isWarning(clock: SlaClock, now: Date, calendar: Calendar, threshold = 0.8): boolean {
  if (clock.status !== 'running' && clock.status !== 'paused') return false;
  const { usedMs, budgetMs } = usage(clock, now, calendar);
  return budgetMs <= 0 || usedMs >= threshold * budgetMs;
}

/**
 * When a running clock reaches `threshold` of its budget — for the scheduler's index. An instant
 * earlier than the last resume means it was crossed already. Null for paused or finished clocks.
 */
export function warningAt(clock: SlaClock, calendar: Calendar, threshold = 0.8): Date | null {
  if (clock.status !== 'running') return null;
  const paused = pausedMeasure(clock, calendar);
  const budget = elapsedMs(clock.spec.unit, clock.startedAt, clock.dueAt, calendar) - paused;
  return advance(clock.spec.unit, clock.startedAt, paused + threshold * Math.max(budget, 0), calendar);
}

/**
 * Re-grade / policy re-apply / calendar edit: the new spec counts from the original start and keeps
 * excluding the time already spent paused (re-measured in the new unit's calendar). Finished clocks
 * keep their outcome.
 */
export function recompute(clock: SlaClock, spec: TargetSpec, calendars: CalendarSet): ClockResult {
  if (clock.status !== 'running' && clock.status !== 'paused') return { clock, warnings: [] };
  const warnings: CalendarWarning[] = [];
  const nominal = computeTargetDue(spec, clock.startedAt, calendars);
  warnings.push(...nominal.warnings);
  const calendar = calendarFor(spec, calendars);
  const next = { ...clock, spec };
  const dueAt = advance(spec.unit, nominal.dueAt, pausedMeasure(next, calendar, warnings), calendar, warnings);
  return { clock: { ...next, dueAt }, warnings: dedupeWarnings(warnings) };
}
