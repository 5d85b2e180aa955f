// Official PRC public-holiday schedules (State Council notices), hand-copied from RULES.md
// "Calendars → Official schedules". 调休 make-up working days are weekend days that become working days.
// Ranges are inclusive. A new year is added by an administrator (JSON or .ics import), never computed:
// the State Council publishes it around November of the previous year.
import { formatIsoDate, parseIsoDate } from './civil-day';

interface YearSchedule {
  year: number;
  /** [first, last] day-off ranges (放假), weekends inside a range included. */
  holidays: ReadonlyArray<readonly [string, string]>;
  /** 调休 make-up working days (上班). */
  makeUpWorkdays: readonly string[];
}

export const CN_OFFICIAL_SCHEDULES: readonly YearSchedule[] = [
  {
    year: 2025,
    holidays: [
      ['2025-01-01', '2025-01-01'], // 元旦 New Year's Day
      ['2025-01-28', '2025-02-04'], // 春节 Spring Festival
      ['2025-04-04', '2025-04-06'], // 清明 Qingming
      ['2025-05-01', '2025-05-05'], // 劳动节 Labour Day
      ['2025-05-31', '2025-06-02'], // 端午 Dragon Boat
      ['2025-10-01', '2025-10-08'], // 国庆 + 中秋 National Day + Mid-Autumn
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    holidays: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节
      ['2026-04-04', '2026-04-06'], // 清明
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午
      ['2026-09-25', '2026-09-27'], // 中秋
      ['2026-10-01', '2026-10-07'], // 国庆
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

/** Expands the ranges into the per-day lists a calendar stores. */
export function expandSchedule(s: YearSchedule): { year: number; holidays: string[]; makeUpWorkdays: string[] } {
  const holidays: string[] = [];
  for (const [from, to] of s.holidays) {
    const a = parseIsoDate(from);
    const b = parseIsoDate(to);
    if (a === null || b === null) throw new Error(`bad official date ${from}..${to}`);
    for (let d = a; d <= b; d++) holidays.push(formatIsoDate(d));
  }
  return { year: s.year, holidays, makeUpWorkdays: [...s.makeUpWorkdays] };
}
