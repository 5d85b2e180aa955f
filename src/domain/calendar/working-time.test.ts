// Concrete due times across the 2026 holidays, computed by hand. All times Asia/Shanghai (+08:00).
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, CN_WORKDAYS, calendarFromInput, calendarToDefinition } from './calendar';
import { addBusinessHours, addClockTime, addWorkingDays, addWorkingTime, isWorkingInstant, workingTimeBetween } from './working-time';

/** cn-workdays with office hours 09:00–12:00, 13:30–18:00 (7.5 h a day). */
const CN_OFFICE = calendarFromInput({
  ...calendarToDefinition(CN_WORKDAYS),
  id: 'cn-office',
  businessHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
});

const CALS = { 'cn-office': CN_OFFICE, 'cn-workdays': CN_WORKDAYS, '24x7': ALWAYS_OPEN } as const;
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();
const sh = (local: string) => iso(at(local));

describe('addClockTime ignores holidays', () => {
  it.each([
    ['2026-02-17T23:50:00', 30, 'minutes', '2026-02-18T00:20:00'], // 春节 day
    ['2026-02-17T10:00:00', 24, 'hours', '2026-02-18T10:00:00'],
    ['2026-10-01T08:00:00', 72, 'hours', '2026-10-04T08:00:00'], // 国庆
    ['2025-12-31T23:30:00', 30, 'minutes', '2026-01-01T00:00:00'], // into 元旦
  ] as const)('%s + %d %s', (start, amount, unit, due) => {
    const r = addClockTime(at(start), amount, unit);
    expect(iso(r.dueAt)).toBe(sh(due));
    expect(r.warnings).toEqual([]);
  });
});

describe('addWorkingDays (Civil Code: count from the next day, due at the end of the Nth)', () => {
  it.each([
    // Spring Festival: holidays Feb 15–23, 调休 Sat Feb 14 and Sat Feb 28
    ['2026-02-13T10:00:00', 1, '2026-02-15T00:00:00'], // → Sat Feb 14 (make-up)
    ['2026-02-14T10:00:00', 1, '2026-02-25T00:00:00'], // → Tue Feb 24
    ['2026-02-13T10:00:00', 5, '2026-02-28T00:00:00'], // Feb 14, 24, 25, 26, 27
    ['2026-02-20T15:00:00', 3, '2026-02-27T00:00:00'], // start on a holiday: Feb 24, 25, 26
    ['2026-02-27T10:00:00', 1, '2026-03-01T00:00:00'], // → Sat Feb 28 (make-up)
    ['2026-02-27T10:00:00', 2, '2026-03-03T00:00:00'], // → Mon Mar 2
    // Labour Day: May 1–5, 调休 Sat May 9
    ['2026-04-30T16:00:00', 1, '2026-05-07T00:00:00'],
    ['2026-04-30T16:00:00', 5, '2026-05-12T00:00:00'], // May 6, 7, 8, 9, 11
    // National Day: Oct 1–7 (and 中秋 Sep 25–27), 调休 Sun Sep 20 and Sat Oct 10
    ['2026-09-18T10:00:00', 1, '2026-09-21T00:00:00'], // → Sun Sep 20 (make-up)
    ['2026-09-30T10:00:00', 1, '2026-10-09T00:00:00'], // → Thu Oct 8
    ['2026-09-30T10:00:00', 3, '2026-10-11T00:00:00'], // Oct 8, 9, 10
    ['2026-09-24T10:00:00', 5, '2026-10-10T00:00:00'], // Sep 28, 29, 30, Oct 8, 9
    // 元旦: Jan 1–3, 调休 Sun Jan 4
    ['2025-12-31T10:00:00', 1, '2026-01-05T00:00:00'], // → Sun Jan 4
    ['2025-12-31T10:00:00', 2, '2026-01-06T00:00:00'],
    // an ordinary week: "within 3 days" from Monday late evening ends Thursday 24:00
    ['2026-03-02T23:59:00', 3, '2026-03-06T00:00:00'],
    ['2026-03-02T00:00:00', 3, '2026-03-06T00:00:00'],
    ['2026-03-06T12:00:00', 1, '2026-03-10T00:00:00'], // Fri → Mon
  ] as const)('cn-workdays %s + %d wd → %s', (start, n, due) => {
    const r = addWorkingDays(at(start), n, CN_WORKDAYS);
    expect(iso(r.dueAt)).toBe(sh(due));
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ['2026-02-13T10:00:00', 1, '2026-02-14T18:00:00'], // close of business on the make-up Saturday
    ['2026-02-13T10:00:00', 5, '2026-02-27T18:00:00'],
    ['2026-09-30T10:00:00', 1, '2026-10-08T18:00:00'],
  ] as const)('with business hours %s + %d wd → close of business %s', (start, n, due) => {
    expect(iso(addWorkingDays(at(start), n, CN_OFFICE).dueAt)).toBe(sh(due));
  });

  it.each([
    ['cn-workdays', '2026-02-13T10:00:00', '2026-02-14T00:00:00'], // working day: end of the same day
    ['cn-workdays', '2026-02-16T10:00:00', '2026-02-25T00:00:00'], // holiday: end of the next working day
    ['cn-office', '2026-02-13T17:59:00', '2026-02-13T18:00:00'],
    ['cn-office', '2026-02-13T19:00:00', '2026-02-14T18:00:00'], // after close: next working day
  ] as const)('n = 0 on %s at %s → %s', (cal, start, due) => {
    expect(iso(addWorkingDays(at(start), 0, CALS[cal]).dueAt)).toBe(sh(due));
  });

  it('rejects negative and fractional counts', () => {
    expect(() => addWorkingDays(at('2026-02-13T10:00:00'), -1, CN_WORKDAYS)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-02-13T10:00:00'), 1.5, CN_WORKDAYS)).toThrow(RangeError);
  });
});

describe('addBusinessHours', () => {
  it.each([
    ['cn-office', '2026-02-13T16:00:00', 4, '2026-02-14T11:00:00'], // 2 h Fri + 2 h on the make-up Sat
    ['cn-office', '2026-02-14T17:00:00', 2, '2026-02-24T10:00:00'], // skips the whole Spring Festival
    ['cn-office', '2026-02-13T09:00:00', 7.5, '2026-02-13T18:00:00'], // exact fit ends at close, not next opening
    ['cn-office', '2026-02-13T11:00:00', 2, '2026-02-13T14:30:00'], // lunch break skipped
    ['cn-office', '2026-02-13T07:00:00', 1, '2026-02-13T10:00:00'], // before opening
    ['cn-office', '2026-04-30T17:00:00', 8, '2026-05-06T17:30:00'], // 1 h + Labour Day + 7 h
    ['cn-office', '2026-09-30T15:00:00', 5, '2026-10-08T11:00:00'], // 3 h + National Day + 2 h
    ['cn-office', '2025-12-31T17:00:00', 3, '2026-01-04T11:00:00'], // 元旦 → Sun Jan 4 make-up
    ['cn-workdays', '2026-02-13T20:00:00', 8, '2026-02-14T04:00:00'], // no business hours: whole day counts
    ['cn-workdays', '2026-02-14T20:00:00', 24, '2026-02-24T20:00:00'],
    ['24x7', '2025-12-31T22:00:00', 5, '2026-01-01T03:00:00'],
    ['cn-office', '2026-02-13T10:00:00', 0, '2026-02-13T10:00:00'],
  ] as const)('%s: %s + %d h', (cal, start, hours, due) => {
    const r = addBusinessHours(at(start), hours, CALS[cal]);
    expect(iso(r.dueAt)).toBe(sh(due));
    expect(r.warnings).toEqual([]);
  });

  it('skips whole weeks correctly over a long span', () => {
    // 375 h / 7.5 h = 50 working days from Mon Mar 2 09:00: March 22, April 22 − Qingming Mon Apr 6 = 21
    // (43 by Apr 30), Labour Day May 1–5, then May 6, 7, 8, Sat May 9 (调休), 11, 12, 13 → May 13 18:00.
    const r = addBusinessHours(at('2026-03-02T09:00:00'), 375, CN_OFFICE);
    // Mar 2 – Apr 30: Qingming Apr 4–6 costs Mon Apr 6 only.
    const measured = workingTimeBetween(at('2026-03-02T09:00:00'), r.dueAt, CN_OFFICE, 'hours');
    expect(measured.amount).toBe(375);
    expect(iso(r.dueAt)).toBe(sh('2026-05-13T18:00:00'));
  });
});

describe('workingTimeBetween', () => {
  it.each([
    ['cn-workdays', '2026-04-30T12:00:00', '2026-05-06T12:00:00', 24 * 60], // Labour Day adds nothing
    ['cn-office', '2026-02-13T16:00:00', '2026-02-24T10:00:00', 2 * 60 + 7.5 * 60 + 60],
    ['cn-office', '2026-02-13T12:15:00', '2026-02-13T13:45:00', 15], // lunch
    ['cn-office', '2026-02-15T10:00:00', '2026-02-23T23:00:00', 0],
    ['24x7', '2026-10-01T00:00:00', '2026-10-08T00:00:00', 7 * 24 * 60],
    ['cn-workdays', '2026-05-06T12:00:00', '2026-04-30T12:00:00', -24 * 60], // signed
  ] as const)('%s: %s → %s', (cal, a, b, minutes) => {
    expect(workingTimeBetween(at(a), at(b), CALS[cal]).amount).toBe(minutes);
  });

  it('counts many weeks in O(log n) the same as day by day', () => {
    const r = workingTimeBetween(at('2025-01-01T00:00:00'), at('2027-01-01T00:00:00'), CN_WORKDAYS, 'hours');
    // 248 working days in each of 2025 and 2026 (counted with the chinese-days package too).
    expect(r.amount).toBe((248 + 248) * 24);
    expect(r.warnings).toEqual([]); // ends at 2027-01-01 00:00: nothing of 2027 used
  });
});

describe('years without holiday data are flagged, never guessed silently', () => {
  it('addWorkingDays into 2027 follows the weekly pattern and warns', () => {
    const r = addWorkingDays(at('2026-12-31T10:00:00'), 1, CN_WORKDAYS);
    expect(iso(r.dueAt)).toBe(sh('2027-01-02T00:00:00')); // Fri 2027-01-01 assumed a working day
    expect(r.warnings).toEqual([{ code: 'calendar_year_missing', year: 2027, calendarId: 'cn-workdays' }]);
  });

  it('staying inside 2026 does not warn', () => {
    expect(addWorkingDays(at('2026-12-30T10:00:00'), 1, CN_WORKDAYS).warnings).toEqual([]);
  });

  it('business hours, elapsed time and past years warn too; 24x7 and clock time never do', () => {
    expect(addBusinessHours(at('2026-12-31T17:00:00'), 2, CN_OFFICE).warnings).toEqual([
      { code: 'calendar_year_missing', year: 2027, calendarId: 'cn-office' },
    ]);
    expect(workingTimeBetween(at('2024-12-31T00:00:00'), at('2025-01-02T00:00:00'), CN_WORKDAYS).warnings).toEqual([
      { code: 'calendar_year_missing', year: 2024, calendarId: 'cn-workdays' },
    ]);
    expect(addWorkingDays(at('2027-06-01T10:00:00'), 3, ALWAYS_OPEN).warnings).toEqual([]);
    expect(addWorkingTime(at('2027-06-01T10:00:00'), 3_600_000, CN_WORKDAYS).warnings).toHaveLength(1);
  });

  it('a span over several missing years lists each once', () => {
    const r = addWorkingDays(at('2026-12-01T10:00:00'), 600, CN_WORKDAYS);
    expect(r.warnings.map((w) => w.year)).toEqual([2027, 2028, 2029]);
  });
});

describe('isWorkingInstant', () => {
  it('treats business-hour ends as exclusive', () => {
    expect(isWorkingInstant(at('2026-02-14T17:59:59'), CN_OFFICE)).toBe(true);
    expect(isWorkingInstant(at('2026-02-14T18:00:00'), CN_OFFICE)).toBe(false);
    expect(isWorkingInstant(at('2026-02-16T10:00:00'), CN_OFFICE)).toBe(false);
  });
});
