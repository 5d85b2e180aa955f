import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refundAmount, RefundAmountError } from './refund-amount';

const base = {
  items: [{ name: '蓝牙音箱', quantity: 2, unitPriceFen: 19_900 }],
  shippingFen: 1_200,
  sellerAtFault: false,
  depreciationFen: 0,
  depreciationAllowed: false,
  unreturnedGiftsFen: 0,
};

describe('refund amount (分)', () => {
  it('a no-reason return refunds the price of the returned pieces only', () => {
    expect(refundAmount(base)).toMatchObject({ totalFen: 39_800, lines: [{ kind: 'goods', amountFen: 39_800 }] });
  });
  it('a quality return also refunds shipping (the seller pays transport, Art 24)', () => {
    expect(refundAmount({ ...base, sellerAtFault: true }).totalFen).toBe(41_000);
  });
  it('deducts unreturned gifts and, only for a 三包 return after failed repairs, depreciation', () => {
    expect(refundAmount({ ...base, unreturnedGiftsFen: 2_000 }).totalFen).toBe(37_800);
    expect(() => refundAmount({ ...base, depreciationFen: 5_000 })).toThrow(RefundAmountError);
    expect(refundAmount({ ...base, depreciationFen: 5_000, depreciationAllowed: true }).lines.at(-1)).toMatchObject({
      kind: 'depreciation',
      amountFen: -5_000,
    });
  });
  it('refuses fractions of 分 and deductions above the refund', () => {
    expect(() => refundAmount({ ...base, shippingFen: 1.5 })).toThrow(RefundAmountError);
    expect(() => refundAmount({ ...base, unreturnedGiftsFen: 50_000 })).toThrow(/exceed/);
  });
  it('law: the total is the sum of its lines, an integer, never negative', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constant('x'), quantity: fc.integer({ min: 1, max: 9 }), unitPriceFen: fc.integer({ min: 0, max: 1e6 }) }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: 0, max: 1e4 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e5 }),
        (items, shippingFen, sellerAtFault, gifts) => {
          try {
            const r = refundAmount({ items, shippingFen, sellerAtFault, depreciationFen: 0, depreciationAllowed: false, unreturnedGiftsFen: gifts });
            expect(r.totalFen).toBe(r.lines.reduce((a, l) => a + l.amountFen, 0));
            expect(Number.isSafeInteger(r.totalFen) && r.totalFen >= 0).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(RefundAmountError);
          }
        },
      ),
    );
  });
});
