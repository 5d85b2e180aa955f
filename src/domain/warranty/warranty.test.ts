import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { warrantyEndDate, warrantyStatus } from './warranty';

describe('warranty period (Civil Code Art 202)', () => {
  it('ends on the corresponding day of the last month', () => {
    expect(warrantyEndDate('2025-11-20', 12)).toBe('2026-11-20');
    expect(warrantyStatus('2025-11-20', 12, '2026-11-20').status).toBe('in_warranty');
    expect(warrantyStatus('2025-11-20', 12, '2026-11-21').status).toBe('expired');
  });
  it("ends on the month's last day when it has no such day", () => {
    expect(warrantyEndDate('2025-08-31', 6)).toBe('2026-02-28');
    expect(warrantyEndDate('2027-08-31', 6)).toBe('2028-02-29');
  });
  it('is unknown without a purchase date', () => {
    expect(warrantyStatus(null, 12, '2026-01-01')).toEqual({ status: 'unknown', coveredThrough: null });
  });
  it('a longer warranty never ends earlier', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.nat(120), fc.nat(120), (d, a, b) => {
        const day = d.toISOString().slice(0, 10);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(warrantyEndDate(day, lo) <= warrantyEndDate(day, hi)).toBe(true);
      }),
    );
  });
});

describe('exclusion evidence input', () => {
  it('accepts exactly the causes the decision treats as exclusions', async () => {
    const { exclusionEvidenceSchema } = await import('./warranty.schemas');
    const { EXCLUDED_CAUSES, WARRANTY_CAUSES } = await import('./warranty-decision');
    const accepted = WARRANTY_CAUSES.filter((cause) => exclusionEvidenceSchema.safeParse({ cause, note: '外壳摔裂' }).success);
    expect([...accepted].sort()).toEqual([...EXCLUDED_CAUSES].sort());
  });
});
