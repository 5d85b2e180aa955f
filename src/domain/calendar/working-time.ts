// Working-time arithmetic (工作时间计算) on a service calendar. Pure; no per-minute loops: each call walks
// local days (skipping whole weeks where the weekly pattern holds) and converts to an instant only at
// the ends. Business time is measured on the local wall clock: a 09:00–18:00 day is 9 h even on a DST
// switch day (irrelevant for Asia/Shanghai, documented for other zones).
import type { Calendar } from './calendar';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './civil-day';
import { addYearWarnings, compile, countWorkingDays, isWorkingDay, nextException, type CalendarWarning, type CompiledCalendar } from './compiled';
import { fromLocal, toLocal } from './time-zone';

export type { CalendarWarning } from './compiled';

export interface DueResult {
  dueAt: Date;
  warnings: CalendarWarning[];
}

export interface ElapsedResult {
  /** In the requested unit; negative when b is before a. */
  amount: number;
  warnings: CalendarWarning[];
}

export type ClockUnit = 'minutes' | 'hours';
export type ElapsedUnit = 'ms' | 'minutes' | 'hours';

/** A calendar with no working day for this long is misconfigured; fail instead of looping forever. */
const MAX_SCAN_DAYS = 366 * 200;

function assertAmount(amount: number): void {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`amount must be a finite number ≥ 0, got ${amount}`);
}

/** Plain clock time: 7×24 targets (RULES.md Calendars). No calendar, so never a warning. */
export function addClockTime(start: Date, amount: number, unit: ClockUnit): DueResult {
  assertAmount(amount);
  const ms = amount * (unit === 'hours' ? MS_PER_HOUR : MS_PER_MINUTE);
  return { dueAt: new Date(start.getTime() + ms), warnings: [] };
}

function addWorkingMs(cc: CompiledCalendar, startMs: number, amountMs: number, warnings: CalendarWarning[]): number {
  if (amountMs === 0) return startMs;
  const { day: firstDay, msOfDay } = toLocal(startMs, cc.timeZone);
  let remaining = amountMs;
  let day = firstDay;
  let from = msOfDay;
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    if (from === 0 && cc.weekWorkMs > 0 && remaining > cc.weekWorkMs) {
      // Whole weeks without holidays or 调休 each hold exactly weekWorkMs; stop one short of using up
      // the amount so the end lands inside the last week, at the end of an interval if exact.
      const freeWeeks = Math.floor((nextException(cc, day) - day) / 7);
      const weeks = Math.min(freeWeeks, Math.floor((remaining - 1) / cc.weekWorkMs));
      if (weeks > 0) {
        day += weeks * 7;
        remaining -= weeks * cc.weekWorkMs;
      }
    }
    if (isWorkingDay(cc, day)) {
      for (const [s, e] of cc.intervals) {
        if (e <= from) continue;
        const a = s > from ? s : from;
        if (remaining <= e - a) {
          addYearWarnings(cc, firstDay, day, warnings);
          return fromLocal(day, a + remaining, cc.timeZone);
        }
        remaining -= e - a;
      }
    }
    day++;
    from = 0;
  }
  throw new RangeError(`calendar ${cc.id} has no working time within ${MAX_SCAN_DAYS} days`);
}

/** Adds `amountMs` of working time (business hours, or whole working days without them). */
export function addWorkingTime(start: Date, amountMs: number, calendar: Calendar): DueResult {
  assertAmount(amountMs);
  const warnings: CalendarWarning[] = [];
  // Instants have ms resolution: round the amount so the result is exact, not truncated by Date.
  const dueMs = addWorkingMs(compile(calendar), start.getTime(), Math.round(amountMs), warnings);
  return { dueAt: new Date(dueMs), warnings };
}

/**
 * Adds business hours: only time inside business hours on working days counts. The result is the
 * earliest instant reaching the amount, so an exact fit ends at close of business (18:00), not at
 * the next opening. Amount 0 returns the start itself.
 */
export function addBusinessHours(start: Date, hours: number, calendar: Calendar): DueResult {
  assertAmount(hours);
  return addWorkingTime(start, hours * MS_PER_HOUR, calendar);
}

/** The n-th working day strictly after `day` (n ≥ 1). */
function nthWorkingDayAfter(cc: CompiledCalendar, day: number, n: number): number {
  let d = day + 1;
  let left = n;
  for (let scanned = 0; scanned < MAX_SCAN_DAYS; scanned++) {
    if (cc.workingDaysPerWeek > 0 && left > cc.workingDaysPerWeek) {
      const freeWeeks = Math.floor((nextException(cc, d) - d) / 7);
      const weeks = Math.min(freeWeeks, Math.floor((left - 1) / cc.workingDaysPerWeek));
      if (weeks > 0) {
        d += weeks * 7;
        left -= weeks * cc.workingDaysPerWeek;
      }
    }
    if (isWorkingDay(cc, d) && --left === 0) return d;
    d++;
  }
  throw new RangeError(`calendar ${cc.id} has no working day within ${MAX_SCAN_DAYS} days`);
}

/**
 * "Within n working days" (Civil Code Arts 201/203): counting starts the day AFTER the start day; the
 * deadline is the end of the n-th working day after it — close of business when the calendar has
 * business hours, else 24:00 local (the next midnight instant). Holidays are never a last day, so the
 * Art 203 "moves to the next working day" rule is built in.
 * n = 0 means "the same day": the end of the start day when it is a working day and still open,
 * otherwise the end of the next working day (a request arriving on a holiday or after hours).
 */
export function addWorkingDays(start: Date, n: number, calendar: Calendar): DueResult {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be an integer ≥ 0, got ${n}`);
  const cc = compile(calendar);
  const { day, msOfDay } = toLocal(start.getTime(), cc.timeZone);
  const target = n === 0 ? (isWorkingDay(cc, day) && msOfDay < cc.closeMs ? day : nthWorkingDayAfter(cc, day, 1)) : nthWorkingDayAfter(cc, day, n);
  const warnings: CalendarWarning[] = [];
  addYearWarnings(cc, day, target, warnings);
  return { dueAt: new Date(fromLocal(target, cc.closeMs, cc.timeZone)), warnings };
}

function overlapMs(cc: CompiledCalendar, day: number, from: number, to: number): number {
  if (to <= from || !isWorkingDay(cc, day)) return 0;
  let sum = 0;
  for (const [s, e] of cc.intervals) {
    const a = s > from ? s : from;
    const b = e < to ? e : to;
    if (b > a) sum += b - a;
  }
  return sum;
}

function workingMsBetween(cc: CompiledCalendar, aMs: number, bMs: number, warnings: CalendarWarning[]): number {
  if (bMs < aMs) return 0 - workingMsBetween(cc, bMs, aMs, warnings); // 0 - x: never -0
  const a = toLocal(aMs, cc.timeZone);
  const b = toLocal(bMs, cc.timeZone);
  // An end at exactly local midnight uses nothing of that day (and must not flag its year).
  const lastDay = b.msOfDay === 0 && b.day > a.day ? b.day - 1 : b.day;
  addYearWarnings(cc, a.day, lastDay, warnings);
  if (a.day === b.day) return overlapMs(cc, a.day, a.msOfDay, b.msOfDay);
  return overlapMs(cc, a.day, a.msOfDay, MS_PER_DAY) + countWorkingDays(cc, a.day + 1, b.day - 1) * cc.dayWorkMs + overlapMs(cc, b.day, 0, b.msOfDay);
}

const UNIT_MS: Record<ElapsedUnit, number> = { ms: 1, minutes: MS_PER_MINUTE, hours: MS_PER_HOUR };

/**
 * Working time between two instants — the inverse of addWorkingTime / addBusinessHours (paused clocks,
 * reports). Signed: negative when b < a.
 */
export function workingTimeBetween(a: Date, b: Date, calendar: Calendar, unit: ElapsedUnit = 'minutes'): ElapsedResult {
  const warnings: CalendarWarning[] = [];
  const ms = workingMsBetween(compile(calendar), a.getTime(), b.getTime(), warnings);
  return { amount: ms / UNIT_MS[unit], warnings };
}

/** Whether the instant lies inside working time ([start, end) of a business-hours range on a working day). */
export function isWorkingInstant(t: Date, calendar: Calendar): boolean {
  const cc = compile(calendar);
  const { day, msOfDay } = toLocal(t.getTime(), cc.timeZone);
  return isWorkingDay(cc, day) && cc.intervals.some(([s, e]) => msOfDay >= s && msOfDay < e);
}
