import { isWorkday } from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, CN_WORKDAYS, applyCalendarYear, calendarFromInput, calendarToDefinition, isWorkingDate, isYearCovered } from './calendar';
import { calendarInputSchema, calendarYearSchema } from './calendar.schemas';
import { formatIsoDate, parseIsoDate } from './civil-day';

describe('cn-workdays built-in', () => {
  it('covers 2025 and 2026 only', () => {
    expect(CN_WORKDAYS.coveredYears).toEqual([2025, 2026]);
    expect(isYearCovered(CN_WORKDAYS, 2027)).toBe(false);
    expect(isYearCovered(ALWAYS_OPEN, 2027)).toBe(true);
  });

  it.each([
    ['2026-02-14', true], // Sat 调休 (Spring Festival)
    ['2026-02-15', false],
    ['2026-02-23', false], // Mon, still 春节
    ['2026-02-24', true],
    ['2026-02-28', true], // Sat 调休
    ['2026-05-05', false],
    ['2026-05-09', true], // Sat 调休 (Labour Day)
    ['2026-09-20', true], // Sun 调休 (National Day)
    ['2026-10-07', false],
    ['2026-10-10', true], // Sat 调休
    ['2026-01-04', true], // Sun 调休 (元旦)
    ['2026-01-02', false],
    ['2025-10-08', false], // 国庆+中秋 2025 runs to Oct 8
    ['2025-10-11', true],
    ['2026-03-07', false], // ordinary Saturday
  ])('%s working = %s', (date, working) => {
    expect(isWorkingDate(CN_WORKDAYS, date)).toBe(working);
  });

  it('agrees with the chinese-days package on every day of 2025 and 2026', () => {
    // RULES.md is authoritative; this list records any day where the package differs (none today).
    const knownDifferences: string[] = [];
    const differences: string[] = [];
    for (let d = parseIsoDate('2025-01-01')!; d <= parseIsoDate('2026-12-31')!; d++) {
      const date = formatIsoDate(d);
      if (isWorkingDate(CN_WORKDAYS, date) !== isWorkday(date)) differences.push(date);
    }
    expect(differences).toEqual(knownDifferences);
  });
});

describe('calendar schemas', () => {
  const base = { id: 'office', name: 'Office', weeklyWorkingDays: [1, 2, 3, 4, 5] };

  it('defaults the time zone and lists', () => {
    const c = calendarInputSchema.parse(base);
    expect(c).toMatchObject({ timeZone: 'Asia/Shanghai', holidays: [], makeUpWorkdays: [], coveredYears: [] });
  });

  it.each([
    [{ timeZone: 'Mars/Base' }, 'timeZone'],
    [{ businessHours: [{ start: '13:00', end: '12:00' }] }, 'businessHours'],
    [
      {
        businessHours: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '18:00' },
        ],
      },
      'businessHours',
    ],
    [{ businessHours: [{ start: '9:00', end: '12:00' }] }, 'businessHours'],
    [{ holidays: ['2026-02-30'], coveredYears: [2026] }, 'holidays'],
    [{ holidays: ['2027-01-01'], coveredYears: [2026] }, 'holidays'],
    [{ holidays: ['2026-01-01'], makeUpWorkdays: ['2026-01-01'], coveredYears: [2026] }, 'makeUpWorkdays'],
    [{ weeklyWorkingDays: [1, 1] }, 'weeklyWorkingDays'],
    [{ weeklyWorkingDays: [] }, 'weeklyWorkingDays'],
    [{ id: 'Bad Id' }, 'id'],
  ])('rejects %j at %s', (patch, path) => {
    const r = calendarInputSchema.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path[0])).toContain(path);
  });

  it('accepts 24:00 as an end and a year edit only with dates of that year', () => {
    expect(calendarInputSchema.safeParse({ ...base, businessHours: [{ start: '20:00', end: '24:00' }] }).success).toBe(true);
    expect(calendarYearSchema.safeParse({ year: 2027, holidays: ['2026-12-31'] }).success).toBe(false);
    expect(calendarYearSchema.safeParse({ year: 2027, holidays: ['2027-01-01'] }).success).toBe(true);
  });

  it('round-trips through the JSON definition', () => {
    const again = calendarFromInput(calendarToDefinition(CN_WORKDAYS));
    expect(calendarToDefinition(again)).toEqual(calendarToDefinition(CN_WORKDAYS));
  });
});

describe('applyCalendarYear', () => {
  it('replaces one year and marks it covered, leaving the others', () => {
    const edited = applyCalendarYear(CN_WORKDAYS, {
      year: 2027,
      holidays: ['2027-01-01'],
      makeUpWorkdays: ['2027-01-02'],
    });
    expect(edited.coveredYears).toEqual([2025, 2026, 2027]);
    expect(isWorkingDate(edited, '2027-01-01')).toBe(false);
    expect(isWorkingDate(edited, '2027-01-02')).toBe(true);
    expect(isWorkingDate(edited, '2026-02-16')).toBe(false);
    // a second edit of 2027 replaces, not merges
    const again = applyCalendarYear(edited, { year: 2027, holidays: [] });
    expect(isWorkingDate(again, '2027-01-01')).toBe(true);
    expect(isWorkingDate(again, '2027-01-02')).toBe(false);
    expect(CN_WORKDAYS.coveredYears).toEqual([2025, 2026]); // original untouched
  });
});
