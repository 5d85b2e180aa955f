import { describe, expect, it } from 'vitest';
import { batchGroupKey, batchWindow, INCIDENT_LIFECYCLE } from './batch-failure';

const at = (iso: string, id = iso) => ({ id, receivedAt: new Date(iso) });

describe('batch window (default 3 tickets within 7 days)', () => {
  it('three tickets 8 days apart end to end make no batch; a fourth inside the window does', () => {
    const a = at('2026-11-01T02:00:00Z');
    const b = at('2026-11-05T02:00:00Z');
    const c = at('2026-11-09T02:00:00Z');
    expect(batchWindow([a, b, c])).toBeNull();
    const d = at('2026-11-10T06:00:00Z');
    expect(batchWindow([d, a, c, b])).toEqual([b, c, d]);
  });

  it('exactly 7 days apart is outside the window; just under is inside', () => {
    expect(batchWindow([at('2026-11-01T00:00:00Z'), at('2026-11-04T00:00:00Z'), at('2026-11-08T00:00:00Z')])).toBeNull();
    expect(batchWindow([at('2026-11-01T00:00:01Z'), at('2026-11-04T00:00:00Z'), at('2026-11-08T00:00:00Z')])).toHaveLength(3);
  });

  it('takes every ticket of the window, and follows the policy', () => {
    const four = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'].map((d) => at(`${d}T00:00:00Z`));
    expect(batchWindow(four)).toHaveLength(4);
    expect(batchWindow(four.slice(0, 2), { threshold: 2, windowDays: 1 })).toBeNull();
    expect(batchWindow(four.slice(0, 2), { threshold: 2, windowDays: 2 })).toHaveLength(2);
  });

  it('groups by batch when known, by model alone otherwise', () => {
    expect(batchGroupKey({ productModelId: 'm', batch: 'B1', faultCategory: 'power' })).toBe('batch:m:B1:power');
    expect(batchGroupKey({ productModelId: 'm', batch: null, faultCategory: 'power' })).toBe('batch:m::power');
  });
});

describe('incident lifecycle', () => {
  it('plan then close; a plan needs its text; closing without a plan needs a reason', () => {
    expect(INCIDENT_LIFECYCLE.allowedMoves('open')).toEqual(['plan_submitted', 'closed']);
    expect(() => INCIDENT_LIFECYCLE.assertTransition('open', 'plan_submitted', { plan: ' ' })).toThrow();
    expect(() => INCIDENT_LIFECYCLE.assertTransition('open', 'plan_submitted', { plan: '召回' })).not.toThrow();
    expect(() => INCIDENT_LIFECYCLE.assertTransition('open', 'closed', {})).toThrow();
    expect(() => INCIDENT_LIFECYCLE.assertTransition('plan_submitted', 'open', {})).toThrow();
  });
});
