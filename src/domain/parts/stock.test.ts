import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMovement, available, crossesLowStock, MOVEMENT_KINDS, type MovementKind, type StockLevel } from './stock';

// Issue 11 "Spare parts": stock never goes negative, also under concurrent reservations. The law
// checked here is the one the server relies on under its row lock.

const level = (onHand: number, reserved: number): StockLevel => ({ onHand, reserved });

describe('applyMovement', () => {
  it('reserves only what is available (on hand minus reserved)', () => {
    expect(applyMovement(level(5, 3), 'reservation', 2)).toEqual({ ok: true, after: level(5, 5) });
    expect(applyMovement(level(5, 3), 'reservation', 3)).toEqual({ ok: false, refusal: { code: 'insufficient_stock', available: 2, requested: 3 } });
  });
  it('consuming takes the pieces from on hand and from the reservation', () => {
    expect(applyMovement(level(5, 2), 'consumption', 2)).toEqual({ ok: true, after: level(3, 0) });
    expect(applyMovement(level(5, 1), 'consumption', 2)).toMatchObject({ ok: false, refusal: { code: 'insufficient_reserved' } });
  });
  it('releasing gives the pieces back to available', () => {
    const r = applyMovement(level(5, 2), 'release', 2);
    expect(r).toEqual({ ok: true, after: level(5, 0) });
  });
  it('moving out (transfer, return) cannot take reserved pieces', () => {
    expect(applyMovement(level(5, 4), 'transfer_out', 2)).toMatchObject({ ok: false, refusal: { code: 'insufficient_stock', available: 1 } });
    expect(applyMovement(level(5, 4), 'return_out', 1)).toEqual({ ok: true, after: level(4, 4) });
    expect(applyMovement(level(0, 0), 'transfer_in', 3)).toEqual({ ok: true, after: level(3, 0) });
    expect(applyMovement(level(0, 0), 'receipt', 3)).toEqual({ ok: true, after: level(3, 0) });
  });
  it('a stock count may not go below what is reserved', () => {
    expect(applyMovement(level(5, 2), 'adjustment', -3)).toEqual({ ok: true, after: level(2, 2) });
    expect(applyMovement(level(5, 2), 'adjustment', -4)).toMatchObject({ ok: false, refusal: { code: 'below_reserved' } });
    expect(applyMovement(level(5, 0), 'adjustment', 2)).toEqual({ ok: true, after: level(7, 0) });
  });
  it('refuses a quantity that is not a positive whole number (a programming error)', () => {
    expect(() => applyMovement(level(5, 0), 'receipt', 0)).toThrow(RangeError);
    expect(() => applyMovement(level(5, 0), 'receipt', -1)).toThrow(RangeError);
    expect(() => applyMovement(level(5, 0), 'receipt', 1.5)).toThrow(RangeError);
    expect(() => applyMovement(level(5, 0), 'adjustment', 0)).toThrow(RangeError);
  });

  it('law: from any valid level, any sequence of movements keeps 0 ≤ reserved ≤ on hand', () => {
    const kind = fc.constantFrom<MovementKind>(...MOVEMENT_KINDS);
    fc.assert(
      fc.property(fc.array(fc.tuple(kind, fc.integer({ min: 1, max: 20 }), fc.boolean()), { maxLength: 60 }), (steps) => {
        let s = level(0, 0);
        for (const [k, q, negative] of steps) {
          const r = applyMovement(s, k, k === 'adjustment' && negative ? -q : q);
          if (r.ok) s = r.after;
          expect(s.onHand).toBeGreaterThanOrEqual(0);
          expect(s.reserved).toBeGreaterThanOrEqual(0);
          expect(s.reserved).toBeLessThanOrEqual(s.onHand);
        }
      }),
    );
  });
  it('law: a refused movement is refused exactly when it would break the invariant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.constantFrom<MovementKind>(...MOVEMENT_KINDS),
        fc.integer({ min: 1, max: 60 }),
        (a, b, k, q) => {
          const s = level(Math.max(a, b), Math.min(a, b));
          const r = applyMovement(s, k, q);
          expect(available(s)).toBeGreaterThanOrEqual(0);
          if (r.ok) expect(r.after.reserved <= r.after.onHand && r.after.reserved >= 0).toBe(true);
          else if (k === 'reservation' || k === 'transfer_out' || k === 'return_out') expect(q).toBeGreaterThan(available(s));
          else expect(q).toBeGreaterThan(s.reserved);
        },
      ),
    );
  });
});

describe('low stock', () => {
  it('alerts once when available crosses below the threshold, not while it stays low', () => {
    expect(crossesLowStock(level(5, 0), level(5, 3), 3)).toBe(true); // 5 → 2 available, threshold 3
    expect(crossesLowStock(level(5, 3), level(5, 4), 3)).toBe(false); // already low
    expect(crossesLowStock(level(5, 0), level(5, 2), 3)).toBe(false); // 3 available: not below
    expect(crossesLowStock(level(5, 0), level(0, 0), 0)).toBe(false); // threshold 0: never
  });
});
