import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, formatIsoDate, isoWeekday, parseIsoDate } from './civil-day';
import { formatInZone, fromLocal, isValidTimeZone, offsetMs, toLocal } from './time-zone';

const H = 3_600_000;
const day = (iso: string) => parseIsoDate(iso)!;

describe('civil days', () => {
  it('round-trips and knows weekdays', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(isoWeekday(day('2026-02-14'))).toBe(6); // Saturday
    expect(isoWeekday(day('2026-09-20'))).toBe(7); // Sunday
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('2028-02-29')).not.toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const { year, month, day: d } = civilFromDays(n);
        return daysFromCivil(year, month, d) === n && parseIsoDate(formatIsoDate(n)) === n;
      }),
    );
  });
});

describe('time zones without hard-coded offsets', () => {
  it('Asia/Shanghai is +08:00', () => {
    const t = Date.parse('2026-02-14T16:00:00Z');
    expect(offsetMs('Asia/Shanghai', t)).toBe(8 * H);
    expect(toLocal(t, 'Asia/Shanghai')).toEqual({ day: day('2026-02-15'), msOfDay: 0 });
    expect(fromLocal(day('2026-02-15'), 0, 'Asia/Shanghai')).toBe(t);
    expect(fromLocal(day('2026-02-14'), 24 * H, 'Asia/Shanghai')).toBe(t); // 24:00 = next midnight
    expect(formatInZone(new Date(t), 'Asia/Shanghai')).toBe('2026-02-15T00:00:00+08:00');
  });

  it('handles half-hour zones and negative offsets', () => {
    expect(formatInZone(new Date('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T05:30:00+05:30');
    expect(formatInZone(new Date('2026-01-01T00:00:00.250Z'), 'America/New_York')).toBe('2025-12-31T19:00:00.250-05:00');
  });

  it('follows DST in America/New_York (2026-03-08 and 2026-11-01)', () => {
    const ny = 'America/New_York';
    expect(offsetMs(ny, Date.parse('2026-03-08T06:59:59Z'))).toBe(-5 * H);
    expect(offsetMs(ny, Date.parse('2026-03-08T07:00:00Z'))).toBe(-4 * H);
    // 02:30 does not exist on Mar 8: resolves to 03:30 EDT
    expect(new Date(fromLocal(day('2026-03-08'), 2.5 * H, ny)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on Nov 1: the earlier instant (EDT)
    expect(new Date(fromLocal(day('2026-11-01'), 1.5 * H, ny)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(formatInZone(new Date('2026-07-01T12:00:00Z'), ny)).toBe('2026-07-01T08:00:00-04:00');
  });

  it('toLocal and fromLocal are inverse for every instant (Berlin, with DST)', () => {
    const zone = 'Europe/Berlin';
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2028-01-01') }), (t) => {
        const { day: d, msOfDay } = toLocal(t, zone);
        const back = fromLocal(d, msOfDay, zone);
        // equal except inside the repeated autumn hour, where the earlier instant is chosen
        return back === t || back === t - H;
      }),
    );
  });

  it('picks the earlier instant in the repeated autumn hour (found by the property test)', () => {
    const t = Date.parse('2024-10-27T00:00:00Z'); // 02:00 CEST, first of the two 02:00s in Berlin
    const { day: d, msOfDay } = toLocal(t, 'Europe/Berlin');
    expect(fromLocal(d, msOfDay, 'Europe/Berlin')).toBe(t);
  });

  it('validates zone names', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Asia/Beijing')).toBe(false);
  });
});
