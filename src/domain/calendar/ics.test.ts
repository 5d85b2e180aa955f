import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CN_WORKDAYS, applyCalendarYear, calendarFromInput, isWorkingDate } from './calendar';
import { formatIsoDate, parseIsoDate } from './civil-day';
import { parseIcsHolidays } from './ics';

// A hand-written feed in the shape other desks export: folded lines, CRLF, escaped text, a
// multi-day event, DURATION, an English make-up day and a broken event.
const SAMPLE = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//example//holidays//CN',
  'BEGIN:VEVENT',
  'UID:1',
  'DTSTART;VALUE=DATE:20270101',
  'DTEND;VALUE=DATE:20270104',
  'SUMMARY:元旦\\, 放假',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:2',
  'DTSTART;VALUE=DATE:20270206',
  'DTEND;VALUE=DATE:20270207',
  'SUMMARY:春节调休上',
  ' 班',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:3',
  'DTSTART;VALUE=DATE:20270210',
  'DURATION:P2D',
  'SUMMARY:Spring Festival (holiday)',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:4',
  'DTSTART;VALUE=DATE:20270220',
  'SUMMARY:Spring Festival WORKDAY',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:5',
  'DTSTART;VALUE=DATE:garbage',
  'SUMMARY:broken',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:6',
  'DTSTART;VALUE=DATE:20261231',
  'DTEND;VALUE=DATE:20270101',
  'SUMMARY:补班',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('parseIcsHolidays', () => {
  it('reads all-day events, exclusive DTEND, DURATION, folded lines and make-up summaries', () => {
    const { years, issues } = parseIcsHolidays(SAMPLE);
    expect(years[2027]).toEqual({
      year: 2027,
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-10', '2027-02-11'],
      makeUpWorkdays: ['2027-02-06', '2027-02-20'],
    });
    expect(years[2026]).toEqual({ year: 2026, holidays: [], makeUpWorkdays: ['2026-12-31'] });
    expect(issues).toEqual([{ line: 28, message: 'event without a readable DTSTART skipped' }]);
  });

  it('an imported year feeds applyCalendarYear', () => {
    const { years } = parseIcsHolidays(SAMPLE);
    const cal = applyCalendarYear(CN_WORKDAYS, years[2027]!);
    expect(isWorkingDate(cal, '2027-01-01')).toBe(false);
    expect(isWorkingDate(cal, '2027-02-06')).toBe(true); // a Saturday
    expect(cal.coveredYears).toEqual([2025, 2026, 2027]);
  });

  it('reproduces cn-workdays from the chinese-days .ics export for 2025 and 2026', () => {
    const require = createRequire(import.meta.url);
    const pkgDir = dirname(require.resolve('chinese-days/package.json'));
    const text = readFileSync(join(pkgDir, 'dist', 'holidays.ics'), 'utf8');
    const { years, issues } = parseIcsHolidays(text);
    expect(issues).toEqual([]);
    let cal = calendarFromInput({ id: 'imported', name: 'imported', weeklyWorkingDays: [1, 2, 3, 4, 5] });
    cal = applyCalendarYear(cal, years[2025]!);
    cal = applyCalendarYear(cal, years[2026]!);
    for (let d = parseIsoDate('2025-01-01')!; d <= parseIsoDate('2026-12-31')!; d++) {
      const date = formatIsoDate(d);
      expect(isWorkingDate(cal, date), date).toBe(isWorkingDate(CN_WORKDAYS, date));
    }
  });
});
