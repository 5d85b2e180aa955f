// Service calendar (服务日历): which local days and hours count as working time for SLA targets.
import { parseIsoDate, yearOfDay } from './civil-day';
import {
  DEFAULT_TIME_ZONE,
  calendarInputSchema,
  calendarYearSchema,
  type CalendarDefinition,
  type CalendarInput,
  type CalendarYearInput,
} from './calendar.schemas';
import { CN_OFFICIAL_SCHEDULES, expandSchedule } from './cn-official';

export interface BusinessHoursRange {
  /** 'HH:MM' local wall time; end may be '24:00'. */
  readonly start: string;
  readonly end: string;
}

/**
 * Treat a Calendar as immutable: derived lookup tables are cached per object (see compiled.ts), so
 * an edit must produce a new object (applyCalendarYear, calendarFromInput do).
 */
export interface Calendar {
  readonly id: string;
  readonly name: string;
  /** IANA zone; working days and hours are local to it. */
  readonly timeZone: string;
  /** ISO weekdays 1 (Mon) … 7 (Sun) that are working days in a normal week. */
  readonly weeklyWorkingDays: readonly number[];
  /** Absent = the whole working day (00:00–24:00) counts. */
  readonly businessHours?: readonly BusinessHoursRange[];
  /** 节假日 days off, 'YYYY-MM-DD' local. */
  readonly holidays: ReadonlySet<string>;
  /** 调休 make-up working days: days off in the weekly pattern that are working days. */
  readonly makeUpWorkdays: ReadonlySet<string>;
  /** Years with known holiday data; other years fall back to the weekly pattern with a warning. */
  readonly coveredYears: readonly number[] | 'all';
}

/** Calendars by id, as the SLA engine receives them. */
export type CalendarSet = Readonly<Record<string, Calendar>>;

export const CN_WORKDAYS_ID = 'cn-workdays';
export const ALWAYS_OPEN_ID = '24x7';

/** Builds a calendar from validated (or raw, then validated here) administrator input. */
export function calendarFromInput(input: CalendarInput | CalendarDefinition): Calendar {
  const c = calendarInputSchema.parse(input);
  return {
    id: c.id,
    name: c.name,
    timeZone: c.timeZone,
    weeklyWorkingDays: [...c.weeklyWorkingDays].sort((a, b) => a - b),
    ...(c.businessHours ? { businessHours: c.businessHours.map((r) => ({ ...r })) } : {}),
    holidays: new Set(c.holidays),
    makeUpWorkdays: new Set(c.makeUpWorkdays),
    coveredYears: c.coveredYears === 'all' ? 'all' : [...new Set(c.coveredYears)].sort((a, b) => a - b),
  };
}

/** JSON-friendly form (sorted arrays) for storage and API responses; round-trips via calendarFromInput. */
export function calendarToDefinition(cal: Calendar): CalendarDefinition {
  return {
    id: cal.id,
    name: cal.name,
    timeZone: cal.timeZone,
    weeklyWorkingDays: [...cal.weeklyWorkingDays],
    ...(cal.businessHours ? { businessHours: cal.businessHours.map((r) => ({ ...r })) } : {}),
    holidays: [...cal.holidays].sort(),
    makeUpWorkdays: [...cal.makeUpWorkdays].sort(),
    coveredYears: cal.coveredYears === 'all' ? 'all' : [...cal.coveredYears],
  };
}

const inYear = (year: number) => (d: string) => {
  const n = parseIsoDate(d);
  return n !== null && yearOfDay(n) === year;
};

/** Replaces one year's holidays and make-up days (admin edit or import) and marks the year covered. */
export function applyCalendarYear(cal: Calendar, yearInput: CalendarYearInput): Calendar {
  const y = calendarYearSchema.parse(yearInput);
  const other = (d: string) => !inYear(y.year)(d);
  const covered = cal.coveredYears === 'all' ? 'all' : [...new Set([...cal.coveredYears, y.year])].sort((a, b) => a - b);
  return {
    ...cal,
    holidays: new Set([...[...cal.holidays].filter(other), ...y.holidays]),
    makeUpWorkdays: new Set([...[...cal.makeUpWorkdays].filter(other), ...y.makeUpWorkdays]),
    coveredYears: covered,
  };
}

export function isYearCovered(cal: Calendar, year: number): boolean {
  return cal.coveredYears === 'all' || cal.coveredYears.includes(year);
}

/** Whether a local date ('YYYY-MM-DD') is a working day; a holiday beats the weekly pattern, 调休 too. */
export function isWorkingDate(cal: Calendar, date: string): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.makeUpWorkdays.has(date)) return true;
  const n = parseIsoDate(date);
  if (n === null) throw new RangeError(`not a date: ${date}`);
  const weekday = ((((n + 3) % 7) + 7) % 7) + 1;
  return cal.weeklyWorkingDays.includes(weekday);
}

/** Built-in calendar names in both languages; the stored `name` is the Chinese one, the web app shows the one for its language. */
export const BUILT_IN_CALENDAR_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  [CN_WORKDAYS_ID]: { zh: '中国大陆工作日', en: 'Mainland China working days' },
  [ALWAYS_OPEN_ID]: { zh: '全天候（7×24）', en: 'Always open (24×7)' },
};

function buildCnWorkdays(): Calendar {
  const years = CN_OFFICIAL_SCHEDULES.map(expandSchedule);
  return calendarFromInput({
    id: CN_WORKDAYS_ID,
    name: BUILT_IN_CALENDAR_NAMES[CN_WORKDAYS_ID]!.zh,
    timeZone: DEFAULT_TIME_ZONE,
    weeklyWorkingDays: [1, 2, 3, 4, 5],
    holidays: years.flatMap((y) => y.holidays),
    makeUpWorkdays: years.flatMap((y) => y.makeUpWorkdays),
    coveredYears: years.map((y) => y.year),
  });
}

/** Mon–Fri plus official 调休 days minus official holidays, 2025 and 2026 (RULES.md). */
export const CN_WORKDAYS: Calendar = buildCnWorkdays();

/** Every day, every hour: 7×24 support targets (RULES.md Calendars). No holidays, so every year is known. */
export const ALWAYS_OPEN: Calendar = calendarFromInput({
  id: ALWAYS_OPEN_ID,
  name: BUILT_IN_CALENDAR_NAMES[ALWAYS_OPEN_ID]!.zh,
  timeZone: DEFAULT_TIME_ZONE,
  weeklyWorkingDays: [1, 2, 3, 4, 5, 6, 7],
  coveredYears: 'all',
});

/** The built-in calendars; the server seeds them and lets admins add years or create others. */
export const BUILT_IN_CALENDARS: CalendarSet = { [CN_WORKDAYS_ID]: CN_WORKDAYS, [ALWAYS_OPEN_ID]: ALWAYS_OPEN };
