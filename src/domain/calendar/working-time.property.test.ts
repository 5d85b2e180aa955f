// Property tests: add-then-measure, never landing on non-working time, monotonic in the start.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, CN_WORKDAYS, calendarFromInput, calendarToDefinition, isWorkingDate, type Calendar } from './calendar';
import { formatIsoDate } from './civil-day';
import { addBusinessHours, addWorkingDays, isWorkingInstant, workingTimeBetween } from './working-time';
import { toLocal } from './time-zone';

const CN_OFFICE = calendarFromInput({
  ...calendarToDefinition(CN_WORKDAYS),
  id: 'cn-office',
  businessHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
});
const BERLIN_SHOP = calendarFromInput({
  id: 'berlin',
  name: 'Berlin shop',
  timeZone: 'Europe/Berlin',
  weeklyWorkingDays: [1, 2, 3, 4, 5, 6],
  businessHours: [{ start: '08:00', end: '20:00' }],
});
const calendars: Calendar[] = [CN_WORKDAYS, CN_OFFICE, ALWAYS_OPEN, BERLIN_SHOP];

// Starts within 2025–2026 (the covered years), on the minute.
const instant = fc
  .integer({ min: Date.parse('2025-01-01T00:00:00+08:00') / 60_000, max: Date.parse('2026-11-01T00:00:00+08:00') / 60_000 })
  .map((m) => new Date(m * 60_000));
const calendar = fc.constantFrom(...calendars);
const hours = fc.integer({ min: 0, max: 400 * 4 }).map((q) => q / 4); // quarter hours up to 400 h

describe('working-time properties', () => {
  it('measuring what was added gives back the amount', () => {
    fc.assert(
      fc.property(instant, hours, calendar, (start, h, cal) => {
        const due = addBusinessHours(start, h, cal).dueAt;
        expect(workingTimeBetween(start, due, cal, 'hours').amount).toBeCloseTo(h, 9);
      }),
    );
  });

  it('a positive amount never ends right after non-working time', () => {
    fc.assert(
      fc.property(
        instant,
        hours.filter((h) => h > 0),
        calendar,
        (start, h, cal) => {
          const due = addBusinessHours(start, h, cal).dueAt;
          expect(isWorkingInstant(new Date(due.getTime() - 1), cal)).toBe(true);
        },
      ),
    );
  });

  it('working-day deadlines end on a working day, n working days after the start day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), calendar, (start, n, cal) => {
        const due = addWorkingDays(start, n, cal).dueAt;
        expect(isWorkingInstant(new Date(due.getTime() - 1), cal)).toBe(true);
        const first = toLocal(start.getTime(), cal.timeZone).day;
        const last = toLocal(due.getTime() - 1, cal.timeZone).day;
        let count = 0;
        for (let d = first + 1; d <= last; d++) if (isWorkingDate(cal, formatIsoDate(d))) count++;
        expect(count).toBe(n);
      }),
    );
  });

  it('is monotonic in the start time', () => {
    fc.assert(
      fc.property(instant, instant, hours, fc.integer({ min: 0, max: 20 }), calendar, (a, b, h, n, cal) => {
        const [s1, s2] = a <= b ? [a, b] : [b, a];
        expect(addBusinessHours(s1, h, cal).dueAt.getTime()).toBeLessThanOrEqual(addBusinessHours(s2, h, cal).dueAt.getTime());
        expect(addWorkingDays(s1, n, cal).dueAt.getTime()).toBeLessThanOrEqual(addWorkingDays(s2, n, cal).dueAt.getTime());
      }),
    );
  });

  it('elapsed time is additive: between(a, c) = between(a, b) + between(b, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, calendar, (a, b, c, cal) => {
        const m = (x: Date, y: Date) => workingTimeBetween(x, y, cal, 'ms').amount;
        expect(m(a, c)).toBe(m(a, b) + m(b, c));
      }),
    );
  });

  it('week skipping lands on the right day without any holiday data', () => {
    // 50 working days after Monday 2030-01-07 = ten whole weeks → Monday 2030-03-18, due at its 24:00.
    const plain = calendarFromInput({ id: 'plain', name: 'plain', weeklyWorkingDays: [1, 2, 3, 4, 5], coveredYears: 'all' });
    const monday = new Date('2030-01-07T00:00:00+08:00');
    expect(addWorkingDays(monday, 50, plain).dueAt.toISOString()).toBe(new Date('2030-03-19T00:00:00+08:00').toISOString());
  });
});
