import { describe, expect, it } from 'vitest';
import { effectWindows, FEEDBACK_LIFECYCLE, fixEffect } from './quality-feedback';

describe('quality feedback lifecycle', () => {
  it('goes draft → sent → planned → verified; withdrawing and reopening need a reason', () => {
    expect(FEEDBACK_LIFECYCLE.allowedMoves('draft')).toEqual(['sent', 'withdrawn']);
    expect(() => FEEDBACK_LIFECYCLE.assertTransition('draft', 'verified')).toThrow();
    expect(() => FEEDBACK_LIFECYCLE.assertTransition('sent', 'withdrawn', {})).toThrow();
    expect(() => FEEDBACK_LIFECYCLE.assertTransition('planned', 'verified')).not.toThrow();
    expect(FEEDBACK_LIFECYCLE.terminalStatuses).toEqual(['verified', 'withdrawn']);
  });
});

describe('effect of the fix', () => {
  it('compares equal windows either side of the fix date, at most 90 days', () => {
    expect(effectWindows('2026-10-01', '2026-10-31')).toEqual({ beforeFrom: '2026-09-01', fixDate: '2026-10-01', afterTo: '2026-10-31', days: 30 });
    expect(effectWindows('2026-01-01', '2026-11-30').days).toBe(90);
    expect(effectWindows('2026-12-01', '2026-11-30').days).toBe(0);
  });
  it('gives the fault rate per batch and overall, and whether it fell', () => {
    const e = fixEffect([
      { batch: 'B2', units: 0, before: 1, after: 0 },
      { batch: 'B1', units: 200, before: 6, after: 1 },
    ]);
    expect(e.batches.map((b) => [b.batch, b.rateBefore, b.rateAfter])).toEqual([
      ['B1', 0.03, 0.005],
      ['B2', null, null],
    ]);
    expect(e.rateBefore).toBeCloseTo(7 / 200);
    expect(e.improved).toBe(true);
    expect(fixEffect([]).improved).toBeNull();
    expect(fixEffect([{ batch: 'B1', units: 10, before: 1, after: 2 }]).improved).toBe(false);
  });
});
