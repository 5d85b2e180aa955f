import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CN_WORKDAYS, isWorkingDate, isYearCovered } from '../calendar';
import { formatIsoDate, parseIsoDate } from '../calendar/civil-day';
import {
  BUYER_EXCLUSIONS,
  decideReturnEligibility,
  GOODS_KINDS,
  RETURN_REASONS,
  SALES_CHANNELS,
  type ContractTerms,
  type EligibilityInput,
} from './return-eligibility';

const cnRestDay = (date: string) => (isYearCovered(CN_WORKDAYS, Number(date.slice(0, 4))) ? !isWorkingDate(CN_WORKDAYS, date) : null);
const REMEDIES = ['noReasonReturn', 'qualityReturn', 'exchange', 'repair'] as const;
const first = parseIsoDate('2025-01-01')!;
const last = parseIsoDate('2026-11-30')!;

const days = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });
const contract = fc.option(
  fc.record({ noReasonDays: days, qualityReturnDays: days, exchangeDays: days, sellerPaysReturnShipping: fc.option(fc.boolean(), { nil: undefined }) }),
  {
    nil: undefined,
  },
);
const base = fc.record({
  salesChannel: fc.constantFrom(...SALES_CHANNELS),
  received: fc.integer({ min: first, max: last }),
  reason: fc.constantFrom(...RETURN_REASONS),
  condition: fc.record({
    unused: fc.boolean(),
    packagingIntact: fc.boolean(),
    accessoriesComplete: fc.boolean(),
    activated: fc.boolean(),
    sealBroken: fc.boolean(),
  }),
  customMade: fc.boolean(),
  goodsKind: fc.constantFrom(...GOODS_KINDS),
  buyerConfirmedExclusions: fc.subarray([...BUYER_EXCLUSIONS]),
  contract,
});
type Base = typeof base extends fc.Arbitrary<infer T> ? T : never;
const make = (b: Base, after: number, contractTerms: ContractTerms | undefined = b.contract): EligibilityInput => ({
  ...b,
  receivedOn: formatIsoDate(b.received),
  requestedOn: formatIsoDate(b.received + after),
  contract: contractTerms,
  isRestDay: cnRestDay,
});
/** A contract at least as generous as `c` in every term. */
const moreGenerous = (c: ContractTerms | undefined, extra: { a: number; b: number; c: number }): ContractTerms => ({
  noReasonDays: (c?.noReasonDays ?? 0) + extra.a,
  qualityReturnDays: (c?.qualityReturnDays ?? 0) + extra.b,
  exchangeDays: (c?.exchangeDays ?? 0) + extra.c,
  sellerPaysReturnShipping: c?.sellerPaysReturnShipping,
});
const extra = fc.record({ a: fc.nat(20), b: fc.nat(20), c: fc.nat(20) });
const later = (a: string | null, b: string | null) => a === null || (b !== null && b >= a);

describe('return eligibility laws', () => {
  it('a later request date never makes a remedy allowed that was refused', () => {
    fc.assert(
      fc.property(base, fc.nat(40), fc.nat(40), (b, x, y) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        const e = decideReturnEligibility(make(b, early));
        const l = decideReturnEligibility(make(b, late));
        for (const k of REMEDIES) if (l[k].allowed) expect(e[k].allowed, k).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
  it('a more generous contract never shortens a deadline nor refuses what was allowed', () => {
    fc.assert(
      fc.property(base, fc.nat(40), extra, (b, after, more) => {
        const lean = decideReturnEligibility(make(b, after));
        const rich = decideReturnEligibility(make(b, after, moreGenerous(b.contract, more)));
        for (const k of REMEDIES) {
          if (lean[k].until !== null && rich[k].until !== null) expect(rich[k].until! >= lean[k].until!, k).toBe(true);
          if (lean[k].allowed) expect(rich[k].allowed, k).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('no contract gives less than the law: every deadline is at least the law-only one', () => {
    fc.assert(
      fc.property(base, fc.nat(40), (b, after) => {
        const law = decideReturnEligibility(make(b, after, undefined));
        const withContract = decideReturnEligibility(make(b, after));
        for (const k of REMEDIES) {
          expect(later(law[k].until, withContract[k].until) || law[k].until === null, k).toBe(true);
          if (law[k].allowed) expect(withContract[k].allowed, k).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
  it('every deadline is a working day when its year is loaded, and an allowed remedy is asked in time', () => {
    fc.assert(
      fc.property(base, fc.nat(40), (b, after) => {
        const d = decideReturnEligibility(make(b, after));
        for (const k of REMEDIES) {
          const until = d[k].until;
          if (until !== null && cnRestDay(until) !== null) expect(cnRestDay(until), `${k} ${until}`).toBe(false);
          if (d[k].allowed && until !== null) expect(make(b, after).requestedOn <= until).toBe(true);
          for (const r of d[k].reasons) expect(r.rule.length * r.text.length * r.textEn.length).toBeGreaterThan(0);
        }
        if (d.returnShippingPaidBy === 'consumer') expect(b.reason === 'no_reason' || !d.qualityReturn.allowed).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
