import { describe, expect, it } from 'vitest';
import { deadlineYear } from './due-times';

// RULES.md "Calendars": a day-count deadline ends at 24:00 of its last day. 24:00 on 2026-12-31 is
// the instant 2027-01-01T00:00+08:00, but the deadline belongs to 2026 (no "2027 missing" warning).
describe('the year a deadline belongs to', () => {
  const midnight = new Date('2027-01-01T00:00:00+08:00');
  it('a working-day deadline at 24:00 on 31 December is in the old year', () => {
    expect(deadlineYear(midnight, 'working_days', 'Asia/Shanghai')).toBe(2026);
  });
  it('a clock-time deadline at that instant is in the new year', () => {
    expect(deadlineYear(midnight, 'clock_hours', 'Asia/Shanghai')).toBe(2027);
  });
  it('a working-day deadline at 24:00 on 1 January 2027 is in 2027', () => {
    expect(deadlineYear(new Date('2027-01-02T00:00:00+08:00'), 'working_days', 'Asia/Shanghai')).toBe(2027);
  });
});
