import type { CalendarView } from './api';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

const pad = (n: number) => String(n).padStart(2, '0');
export const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** ISO weekday, 1 = Monday … 7 = Sunday, of a civil date (no time zone involved). */
export const isoWeekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
export const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export interface YearDays {
  holidays: Set<string>;
  makeUps: Set<string>;
}

export function yearDays(cal: CalendarView, year: number): YearDays {
  const p = `${year}-`;
  return { holidays: new Set(cal.holidays.filter((d) => d.startsWith(p))), makeUps: new Set(cal.makeUpWorkdays.filter((d) => d.startsWith(p))) };
}

export function kindOf(day: string, weekday: number, weekly: number[], days: YearDays): DayKind {
  if (days.holidays.has(day)) return 'holiday';
  if (days.makeUps.has(day)) return 'makeup';
  return weekly.includes(weekday) ? 'workday' : 'weekend';
}
