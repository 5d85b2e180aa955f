// Lookup tables derived once per Calendar object (WeakMap cache): day numbers instead of strings,
// business hours in ms, and the sorted "exception" days where a week deviates from its weekly pattern.
// With them the arithmetic skips whole weeks and counts working days by binary search.
import type { Calendar } from './calendar';
import { MS_PER_DAY, isoWeekday, parseIsoDate, yearOfDay } from './civil-day';
import { wallTimeToMs } from './calendar.schemas';

/** Attached to every result that relied on a year without holiday data (never a silent guess). */
export interface CalendarWarning {
  code: 'calendar_year_missing';
  year: number;
  calendarId: string;
}

export interface CompiledCalendar {
  readonly id: string;
  readonly timeZone: string;
  /** index = ISO weekday 1..7 */
  readonly weekMask: readonly boolean[];
  readonly workingDaysPerWeek: number;
  /** [start, end) in ms since local midnight */
  readonly intervals: ReadonlyArray<readonly [number, number]>;
  readonly dayWorkMs: number;
  readonly weekWorkMs: number;
  /** End of the last interval: close of business, or 24:00 without business hours. */
  readonly closeMs: number;
  readonly holidays: ReadonlySet<number>;
  readonly makeUps: ReadonlySet<number>;
  /** 调休 days on weekly days off (add a working day), sorted. */
  readonly extra: readonly number[];
  /** Holidays on weekly working days (remove a working day), sorted. */
  readonly lost: readonly number[];
  /** extra ∪ lost, sorted: days where the weekly pattern does not hold. */
  readonly exceptions: readonly number[];
  readonly allYears: boolean;
  readonly covered: ReadonlySet<number>;
}

const cache = new WeakMap<Calendar, CompiledCalendar>();

function toDays(dates: Iterable<string>): number[] {
  const out: number[] = [];
  for (const d of dates) {
    const n = parseIsoDate(d);
    if (n === null) throw new RangeError(`calendar holds a non-date: ${d}`);
    out.push(n);
  }
  return out.sort((a, b) => a - b);
}

export function compile(cal: Calendar): CompiledCalendar {
  const hit = cache.get(cal);
  if (hit) return hit;
  const weekMask = [false, false, false, false, false, false, false, false];
  for (const d of cal.weeklyWorkingDays) weekMask[d] = true;
  const intervals: Array<readonly [number, number]> = cal.businessHours
    ? cal.businessHours.map((r) => [wallTimeToMs(r.start), wallTimeToMs(r.end)] as const)
    : [[0, MS_PER_DAY]];
  const dayWorkMs = intervals.reduce((sum, [s, e]) => sum + (e - s), 0);
  const workingDaysPerWeek = weekMask.filter(Boolean).length;
  const holidayDays = toDays(cal.holidays);
  const makeUpDays = toDays(cal.makeUpWorkdays);
  const holidays = new Set(holidayDays);
  const extra = makeUpDays.filter((d) => !weekMask[isoWeekday(d)] && !holidays.has(d));
  const lost = holidayDays.filter((d) => weekMask[isoWeekday(d)]);
  const compiled: CompiledCalendar = {
    id: cal.id,
    timeZone: cal.timeZone,
    weekMask,
    workingDaysPerWeek,
    intervals,
    dayWorkMs,
    weekWorkMs: dayWorkMs * workingDaysPerWeek,
    closeMs: intervals[intervals.length - 1]![1],
    holidays,
    makeUps: new Set(makeUpDays),
    extra,
    lost,
    exceptions: [...extra, ...lost].sort((a, b) => a - b),
    allYears: cal.coveredYears === 'all',
    covered: new Set(cal.coveredYears === 'all' ? [] : cal.coveredYears),
  };
  cache.set(cal, compiled);
  return compiled;
}

export function isWorkingDay(cc: CompiledCalendar, day: number): boolean {
  if (cc.holidays.has(day)) return false;
  if (cc.makeUps.has(day)) return true;
  return cc.weekMask[isoWeekday(day)] === true;
}

/** Index of the first element ≥ value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First exception day ≥ day, or +∞: the weekly pattern holds on every day before it. */
export function nextException(cc: CompiledCalendar, day: number): number {
  const i = lowerBound(cc.exceptions, day);
  return i < cc.exceptions.length ? cc.exceptions[i]! : Number.POSITIVE_INFINITY;
}

/** Working days in [from, to] inclusive, O(log n). */
export function countWorkingDays(cc: CompiledCalendar, from: number, to: number): number {
  if (to < from) return 0;
  const span = to - from + 1;
  const weeks = Math.floor(span / 7);
  let count = weeks * cc.workingDaysPerWeek;
  for (let d = from + weeks * 7; d <= to; d++) if (cc.weekMask[isoWeekday(d)]) count++;
  const inRange = (list: readonly number[]) => lowerBound(list, to + 1) - lowerBound(list, from);
  return count + inRange(cc.extra) - inRange(cc.lost);
}

/** Adds a warning for each uncovered year among the local days first..last the computation used. */
export function addYearWarnings(cc: CompiledCalendar, first: number, last: number, out: CalendarWarning[]): void {
  if (cc.allYears) return;
  const y1 = yearOfDay(Math.min(first, last));
  const y2 = yearOfDay(Math.max(first, last));
  for (let y = y1; y <= y2; y++) {
    if (!cc.covered.has(y) && !out.some((w) => w.year === y && w.calendarId === cc.id)) {
      out.push({ code: 'calendar_year_missing', year: y, calendarId: cc.id });
    }
  }
}
