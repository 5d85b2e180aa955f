import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CN_WORKDAYS, isWorkingDate, isYearCovered } from '../calendar';
import { formatIsoDate, parseIsoDate } from '../calendar/civil-day';
import { dayCountDeadline, dayNumberSince } from './day-count';

const cnRestDay = (date: string) => (isYearCovered(CN_WORKDAYS, Number(date.slice(0, 4))) ? !isWorkingDate(CN_WORKDAYS, date) : null);

describe('Civil Code day counting (Arts 201, 203)', () => {
  it('counts from the day after the event and includes the last day', () => {
    expect(dayCountDeadline('2026-03-02', 7)).toEqual({ until: '2026-03-09', nominal: '2026-03-09', moved: false, missingYear: null });
    expect(dayNumberSince('2026-03-02', '2026-03-09')).toBe(7);
    expect(dayCountDeadline('2026-03-02', 0).until).toBe('2026-03-02');
  });
  it('crosses month and leap-year ends', () => {
    expect(dayCountDeadline('2028-02-25', 7).nominal).toBe('2028-03-03');
    expect(dayCountDeadline('2026-12-28', 7).nominal).toBe('2027-01-04');
  });
  it('moves a last day on National Day 2026 (Oct 1–7) to Thursday Oct 8', () => {
    expect(dayCountDeadline('2026-09-24', 7, cnRestDay)).toEqual({ until: '2026-10-08', nominal: '2026-10-01', moved: true, missingYear: null });
  });
  it('moves a last day in National Day + Mid-Autumn 2025 (Oct 1–8) to Oct 9', () => {
    expect(dayCountDeadline('2025-09-25', 7, cnRestDay).until).toBe('2025-10-09');
  });
  it('moves a last day in Spring Festival 2026 (Feb 15–23) to Feb 24, but not off the make-up Saturday Feb 14', () => {
    expect(dayCountDeadline('2026-02-09', 7, cnRestDay).until).toBe('2026-02-24');
    expect(dayCountDeadline('2026-02-07', 7, cnRestDay)).toMatchObject({ until: '2026-02-14', moved: false });
  });
  it('moves a last day on an ordinary weekend to Monday', () => {
    expect(dayCountDeadline('2026-11-14', 7, cnRestDay).until).toBe('2026-11-23');
  });
  it('says so, and does not guess, when the year of the last day is not loaded (2027)', () => {
    expect(dayCountDeadline('2026-12-28', 7, cnRestDay)).toEqual({ until: '2027-01-04', nominal: '2027-01-04', moved: false, missingYear: '2027' });
  });
  it('refuses a bad date or day count', () => {
    expect(() => dayCountDeadline('2026-02-30', 7)).toThrow(RangeError);
    expect(() => dayCountDeadline('2026-02-01', -1)).toThrow(RangeError);
    expect(() => dayCountDeadline('2026-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('Art 203 laws (property)', () => {
  const first = parseIsoDate('2025-01-01')!;
  const last = parseIsoDate('2026-11-30')!;
  const event = fc.integer({ min: first, max: last }).map(formatIsoDate);
  it('the move never lands on a rest day, and every day it skips is one', () => {
    fc.assert(
      fc.property(event, fc.integer({ min: 0, max: 30 }), (e, n) => {
        const d = dayCountDeadline(e, n, cnRestDay);
        if (d.missingYear !== null) return;
        expect(cnRestDay(d.until)).toBe(false);
        for (let x = parseIsoDate(d.nominal)!; x < parseIsoDate(d.until)!; x++) expect(cnRestDay(formatIsoDate(x))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  it('a longer period never ends earlier', () => {
    fc.assert(
      fc.property(event, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (e, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(dayCountDeadline(e, lo, cnRestDay).until <= dayCountDeadline(e, hi, cnRestDay).until).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
