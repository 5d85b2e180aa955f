import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import {
  assertQuoteLinesAllowed,
  exchangeOption,
  LABOUR_PRICE_LIST,
  parseSignature,
  quoteTotalFen,
  REPAIR_LIFECYCLE,
  repairTime,
  type QuoteLine,
} from './index';

const refusal = (fn: () => void): AppError | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e as AppError;
  }
};

describe('repair lifecycle (customer approval before work: 001 §5.2.4, 002 §8.4.1, 003 §五)', () => {
  it('no status before approval may move to 维修中: 409 listing the allowed moves', () => {
    for (const from of ['diagnosing', 'awaiting_approval'] as const) {
      const err = refusal(() => REPAIR_LIFECYCLE.assertTransition(from, 'in_repair', {}))!;
      expect(err.code).toBe('illegal_transition');
      expect(err.status).toBe(409);
      expect(err.details).toEqual({ from, to: 'in_repair', allowed: REPAIR_LIFECYCLE.allowedMoves(from) });
    }
    // Only 已确认 reaches 维修中, and 已确认 is reached only from 待客户确认.
    const into = (to: string) => REPAIR_LIFECYCLE.statuses.filter((s) => REPAIR_LIFECYCLE.allowedMoves(s).includes(to as never));
    expect(into('in_repair').sort()).toEqual(['approved', 'testing', 'waiting_parts']);
    expect(into('approved')).toEqual(['awaiting_approval']);
  });

  it('approval must cover the current quote version', () => {
    const lc = REPAIR_LIFECYCLE;
    expect(refusal(() => lc.assertTransition('awaiting_approval', 'approved', { quoteVersion: 2, approvedQuoteVersion: 1 }))?.code).toBe('conflict');
    expect(refusal(() => lc.assertTransition('awaiting_approval', 'approved', { quoteVersion: 2, approvedQuoteVersion: null }))?.code).toBe('conflict');
    expect(refusal(() => lc.assertTransition('awaiting_approval', 'approved', { quoteVersion: 2, approvedQuoteVersion: 2 }))).toBeNull();
  });

  it('a declined quote ends the repair; hand-over needs a passed test; quoting needs a diagnosis and lines', () => {
    expect(REPAIR_LIFECYCLE.isTerminal('declined')).toBe(true);
    expect(refusal(() => REPAIR_LIFECYCLE.assertTransition('testing', 'handed_over', { testPassed: false }))?.code).toBe('conflict');
    expect(refusal(() => REPAIR_LIFECYCLE.assertTransition('diagnosing', 'awaiting_approval', { diagnosed: false, quoteLines: 2 }))?.issues?.[0]?.path).toBe(
      'diagnosis',
    );
    expect(refusal(() => REPAIR_LIFECYCLE.assertTransition('diagnosing', 'awaiting_approval', { diagnosed: true, quoteLines: 0 }))?.issues?.[0]?.path).toBe(
      'lines',
    );
    expect(refusal(() => REPAIR_LIFECYCLE.assertTransition('in_repair', 'waiting_parts', { part: ' ' }))?.issues?.[0]?.path).toBe('part');
  });
});

const line = fc.record({
  kind: fc.constantFrom('part' as const, 'labour' as const),
  code: fc.string({ minLength: 1, maxLength: 5 }),
  name: fc.string({ minLength: 1, maxLength: 5 }),
  unitPriceFen: fc.integer({ min: 0, max: 10_000_000 }),
  quantity: fc.integer({ min: 1, max: 100 }),
  free: fc.boolean(),
});

describe('quote (RULES.md Fees: every paid item and the total disclosed, in integer 分)', () => {
  it('the total is the sum of the paid lines, an integer, and free lines add nothing', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        const total = quoteTotalFen(lines);
        expect(Number.isInteger(total)).toBe(true);
        expect(total).toBe(quoteTotalFen(lines.filter((l) => !l.free)));
        expect(quoteTotalFen(lines.map((l) => ({ ...l, free: true })))).toBe(0);
      }),
    );
  });

  it('free items only on a free repair; labour at the public price list', () => {
    const diag = LABOUR_PRICE_LIST[0];
    const ok: QuoteLine = { kind: 'labour', code: diag.code, name: diag.name, unitPriceFen: diag.unitPriceFen, quantity: 1, free: true };
    expect(() => assertQuoteLinesAllowed([ok], true)).not.toThrow();
    expect(refusal(() => assertQuoteLinesAllowed([ok], false))?.issues).toEqual([expect.objectContaining({ path: 'lines.0.free', code: 'not_in_warranty' })]);
    const cheap = { ...ok, free: false, unitPriceFen: 1 };
    expect(refusal(() => assertQuoteLinesAllowed([cheap], false))?.issues?.[0]?.code).toBe('price_differs');
    expect(refusal(() => assertQuoteLinesAllowed([{ ...ok, code: 'L-NOPE', free: false }], false))?.issues?.[0]?.code).toBe('not_listed');
  });
});

describe('修复时间 excludes waiting for parts (001 §三.7)', () => {
  const t = (h: number) => new Date(Date.UTC(2026, 10, 20, 0) + h * 3_600_000);
  it('a repair of 10 h with 3 h waiting for parts took 7 h', () => {
    expect(repairTime({ startedAt: t(0), endedAt: t(10), waits: [{ from: t(2), to: t(5) }], now: t(20) })).toEqual({
      repairMs: 7 * 3_600_000,
      waitingPartsMs: 3 * 3_600_000,
      running: false,
    });
  });
  it('repair time plus waiting equals the span; overlapping or out-of-range waits never count twice or go negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.tuple(fc.integer({ min: -20, max: 120 }), fc.option(fc.integer({ min: 0, max: 40 }), { nil: null })), { maxLength: 6 }),
        (len, raw) => {
          const waits = raw.map(([a, d]) => ({ from: t(a), to: d === null ? null : t(a + d) }));
          const r = repairTime({ startedAt: t(0), endedAt: t(len), waits, now: t(500) });
          expect(r.repairMs).toBeGreaterThanOrEqual(0);
          expect(r.repairMs! + r.waitingPartsMs).toBe(len * 3_600_000);
        },
      ),
    );
  });
  it('not started: no repair time; still running: counted to now', () => {
    expect(repairTime({ startedAt: null, endedAt: null, waits: [], now: t(5) }).repairMs).toBeNull();
    expect(repairTime({ startedAt: t(0), endedAt: null, waits: [{ from: t(1), to: null }], now: t(5) })).toMatchObject({ repairMs: 3_600_000, running: true });
  });
});

describe('signature image', () => {
  const png = (w: number, h: number) => {
    const bytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    return `data:image/png;base64,${btoa(String.fromCharCode(...bytes, ...u32(w), ...u32(h), 8, 6, 0, 0, 0, 1, 2, 3, 4))}`;
  };
  it('accepts a PNG of signature size and refuses anything else', () => {
    expect(parseSignature(png(400, 150))).toMatchObject({ width: 400, height: 150 });
    expect(parseSignature(png(10, 10))).toHaveProperty('problem');
    expect(parseSignature('data:image/jpeg;base64,AAAA')).toHaveProperty('problem');
    expect(parseSignature('data:image/png;base64,!!!!')).toHaveProperty('problem');
    expect(parseSignature(`data:image/png;base64,${btoa('GIF89a-not-a-png-at-all-padding-xx')}`)).toHaveProperty('problem');
  });
});

describe('三包: two failed repairs in the period raise exchange/return', () => {
  it('counts only in-warranty failures', () => {
    const f = (inWarranty: boolean) => ({ repairId: 'r', failedAt: new Date(), inWarranty });
    expect(exchangeOption([f(true)]).raised).toBe(false);
    expect(exchangeOption([f(true), f(false)]).raised).toBe(false);
    expect(exchangeOption([f(true), f(true)])).toMatchObject({ raised: true, failedRepairs: 2 });
  });
});
