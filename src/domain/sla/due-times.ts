// Due-time computation for SLA targets: pure, used by POST /api/v1/sla/preview and by the clocks.
import type { Calendar, CalendarSet } from '../calendar/calendar';
import { formatInZone } from '../calendar/time-zone';
import {
  addBusinessHours,
  addClockTime,
  addWorkingDays,
  addWorkingTime,
  workingTimeBetween,
  type CalendarWarning,
  type DueResult,
} from '../calendar/working-time';
import type { Priority, RequestType } from '../ticket/ticket.schemas';
import { resolveTargets, type PolicyRule, type SlaPolicyInput } from './policy';
import { TARGET_NAMES, TARGET_START_EVENT, isClockUnit, type SlaUnit, type TargetName, type TargetSpec } from './targets';

/** A target names a calendar the caller did not supply: a configuration error (map to 422/500). */
export class UnknownCalendarError extends Error {
  constructor(readonly calendarId: string) {
    super(`unknown calendar ${calendarId}`);
    this.name = 'UnknownCalendarError';
  }
}

export function calendarFor(spec: Pick<TargetSpec, 'calendarId'>, calendars: CalendarSet): Calendar {
  const cal = calendars[spec.calendarId];
  if (!cal) throw new UnknownCalendarError(spec.calendarId);
  return cal;
}

/** Due time of one target whose start event happened at startAt. */
export function computeTargetDue(spec: TargetSpec, startAt: Date, calendars: CalendarSet): DueResult {
  switch (spec.unit) {
    case 'clock_minutes':
      return addClockTime(startAt, spec.amount, 'minutes');
    case 'clock_hours':
      return addClockTime(startAt, spec.amount, 'hours');
    case 'business_hours':
      return addBusinessHours(startAt, spec.amount, calendarFor(spec, calendars));
    case 'working_days':
      return addWorkingDays(startAt, spec.amount, calendarFor(spec, calendars));
  }
}

/**
 * The time measure a clock of this unit runs on, in ms: real elapsed time for clock units, the
 * calendar's working time otherwise (for working days: whole working days, or business hours).
 */
export function elapsedMs(unit: SlaUnit, a: Date, b: Date, calendar: Calendar, warnings: CalendarWarning[] = []): number {
  if (isClockUnit(unit)) return b.getTime() - a.getTime();
  const r = workingTimeBetween(a, b, calendar, 'ms');
  warnings.push(...r.warnings);
  return r.amount;
}

/** Inverse of elapsedMs: the earliest instant `ms` of the measure after `from`. */
export function advance(unit: SlaUnit, from: Date, ms: number, calendar: Calendar, warnings: CalendarWarning[] = []): Date {
  if (isClockUnit(unit)) return new Date(from.getTime() + ms);
  const r = addWorkingTime(from, ms, calendar);
  warnings.push(...r.warnings);
  return r.dueAt;
}

/**
 * The calendar year a deadline belongs to. A working-day deadline ends at 24:00 of its last working
 * day (RULES.md "Calendars": the day ends at 24:00), which is the instant 00:00 of the next day: the
 * year is the last working day's, so 24:00 on 2026-12-31 belongs to 2026, not to 2027.
 */
export function deadlineYear(dueAt: Date, unit: SlaUnit, timeZone: string): number {
  const instant = unit === 'working_days' ? new Date(dueAt.getTime() - 1) : dueAt;
  return Number(formatInZone(instant, timeZone).slice(0, 4));
}

export function dedupeWarnings(list: readonly CalendarWarning[]): CalendarWarning[] {
  const seen = new Set<string>();
  return list.filter((w) => {
    const key = `${w.calendarId}/${w.year}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface TargetDue {
  dueAt: Date;
  amount: number;
  unit: SlaUnit;
  /** Calendar id. */
  calendar: string;
  startEvent: string;
}

export interface DueTimesInput {
  requestType: RequestType;
  priority: Priority;
  startAt: Date;
  calendars: CalendarSet;
  /** Customer contract (服务协议) rules, applied on top of the policy. */
  contractOverrides?: readonly PolicyRule[];
}

export interface DueTimes {
  targets: Partial<Record<TargetName, TargetDue>>;
  warnings: CalendarWarning[];
}

/** All targets of a ticket as if every start event happened at startAt (the phone-promise preview). */
export function computeDueTimes(policy: Pick<SlaPolicyInput, 'rules'>, input: DueTimesInput): DueTimes {
  const specs = resolveTargets(policy, input.requestType, input.priority, input.contractOverrides);
  const targets: Partial<Record<TargetName, TargetDue>> = {};
  const warnings: CalendarWarning[] = [];
  for (const name of TARGET_NAMES) {
    const spec = specs[name];
    if (!spec) continue;
    const r = computeTargetDue(spec, input.startAt, input.calendars);
    warnings.push(...r.warnings);
    targets[name] = {
      dueAt: r.dueAt,
      amount: spec.amount,
      unit: spec.unit,
      calendar: spec.calendarId,
      startEvent: TARGET_START_EVENT[name],
    };
  }
  return { targets, warnings: dedupeWarnings(warnings) };
}
