import { describe, expect, it } from 'vitest';
import { CN_WORKDAYS, isWorkingDate, isYearCovered } from '../calendar';
import { decideWarranty } from '../warranty/warranty-decision';
import { decideReturnEligibility, ReturnsInputError, type EligibilityInput } from './return-eligibility';
import { RETURN_RULES } from './return-rules';

const cnRestDay = (date: string) => (isYearCovered(CN_WORKDAYS, Number(date.slice(0, 4))) ? !isWorkingDate(CN_WORKDAYS, date) : null);
const INTACT = { unused: true, packagingIntact: true, accessoriesComplete: true, activated: false, sealBroken: false };
const input = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  salesChannel: 'online',
  receivedOn: '2026-03-02',
  requestedOn: '2026-03-05',
  reason: 'no_reason',
  condition: INTACT,
  customMade: false,
  buyerConfirmedExclusions: [],
  isRestDay: cnRestDay,
  ...over,
});
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('no-reason return (Consumer Rights Protection Law Art 25)', () => {
  it.each(['online', 'tv', 'phone', 'mail'] as const)('a %s sale may be returned within 7 days of receipt; the consumer pays postage', (salesChannel) => {
    const d = decideReturnEligibility(input({ salesChannel }));
    expect(d.noReasonReturn).toMatchObject({ allowed: true, until: '2026-03-09' });
    expect(d.noReasonReturn.reasons[0]).toMatchObject({
      code: 'distance_sale',
      rule: 'Consumer Rights Protection Law Art 25',
      ruleZh: '《消费者权益保护法》第二十五条',
    });
    expect(d.returnShippingPaidBy).toBe('consumer');
    expect(d.returnShippingReasons[0]!.rule).toBe(RETURN_RULES.art25.rule);
  });
  it('day 7 is in time, day 8 is late', () => {
    expect(decideReturnEligibility(input({ requestedOn: '2026-03-09' })).noReasonReturn.allowed).toBe(true);
    const late = decideReturnEligibility(input({ requestedOn: '2026-03-10' }));
    expect(late.noReasonReturn).toMatchObject({ allowed: false, until: '2026-03-09' });
    expect(codes(late.noReasonReturn)).toContain('too_late');
    expect(late.returnShippingPaidBy).toBeNull();
  });
  it('the 7th day on National Day 2026 moves to Oct 8 (Civil Code Art 203)', () => {
    const d = decideReturnEligibility(input({ receivedOn: '2026-09-24', requestedOn: '2026-10-08' }));
    expect(d.noReasonReturn).toMatchObject({ allowed: true, until: '2026-10-08' });
    expect(d.noReasonReturn.reasons.find((r) => r.code === 'last_day_rest_day')).toMatchObject({
      rule: 'Civil Code Art 203',
      text: '最后一日 2026-10-01 为法定休假日，顺延至 2026-10-08',
    });
    expect(decideReturnEligibility(input({ receivedOn: '2026-09-24', requestedOn: '2026-10-09' })).noReasonReturn.allowed).toBe(false);
  });
  it('the 7th day in Spring Festival 2026 moves to Feb 24', () => {
    const d = decideReturnEligibility(input({ receivedOn: '2026-02-10', requestedOn: '2026-02-24' }));
    expect(d.noReasonReturn).toMatchObject({ allowed: true, until: '2026-02-24' });
  });
  it('store and contract sales have no statutory right, unless the contract gives one', () => {
    for (const salesChannel of ['store', 'contract'] as const) {
      const none = decideReturnEligibility(input({ salesChannel }));
      expect(none.noReasonReturn).toMatchObject({ allowed: false, until: null });
      expect(codes(none.noReasonReturn)).toEqual(['no_statutory_right']);
      const agreed = decideReturnEligibility(input({ salesChannel, contract: { noReasonDays: 10 } }));
      expect(agreed.noReasonReturn).toMatchObject({ allowed: true, until: '2026-03-12' });
      expect(agreed.noReasonReturn.reasons.find((r) => r.code === 'contract_more_generous')!.rule).toBe('Sales contract');
    }
  });
  it('a contract may give more days, never fewer', () => {
    expect(decideReturnEligibility(input({ requestedOn: '2026-03-12', contract: { noReasonDays: 10 } })).noReasonReturn).toMatchObject({
      allowed: true,
      until: '2026-03-12',
    });
    const fewer = decideReturnEligibility(input({ requestedOn: '2026-03-09', contract: { noReasonDays: 3 } }));
    expect(fewer.noReasonReturn).toMatchObject({ allowed: true, until: '2026-03-09' });
    expect(codes(fewer.noReasonReturn)).toContain('contract_below_law');
  });
  it.each([
    [{ customMade: true }, 'custom_made'],
    [{ goodsKind: 'perishable' as const }, 'excluded_perishable'],
    [{ goodsKind: 'digital_download' as const }, 'excluded_digital_download'],
    [{ goodsKind: 'newspaper_periodical' as const }, 'excluded_newspaper_periodical'],
    [{ buyerConfirmedExclusions: ['near_expiry_or_disclosed_defect' as const] }, 'confirmed_clearance'],
    [{ buyerConfirmedExclusions: ['seal_affects_safety' as const], condition: { ...INTACT, sealBroken: true } }, 'confirmed_seal'],
    [{ buyerConfirmedExclusions: ['value_drops_on_activation' as const], condition: { ...INTACT, activated: true } }, 'confirmed_activation'],
    [{ condition: { ...INTACT, unused: false } }, 'used'],
    [{ condition: { ...INTACT, packagingIntact: false } }, 'packaging_damaged'],
    [{ condition: { ...INTACT, accessoriesComplete: false } }, 'accessories_missing'],
    [{ condition: { ...INTACT, activated: true } }, 'activated'],
  ])('refuses %o with %s, citing its rule', (over, code) => {
    const d = decideReturnEligibility(input(over));
    expect(d.noReasonReturn.allowed).toBe(false);
    expect(codes(d.noReasonReturn)).toContain(code);
    const r = d.noReasonReturn.reasons.find((x) => x.code === code)!;
    expect([RETURN_RULES.art25.rule, RETURN_RULES.noReason000.rule]).toContain(r.rule);
    expect(r.text).toMatch(/[\u4e00-\u9fff]/);
  });
  it('a seal broken for inspection, or a confirmation that does not bite, does not refuse', () => {
    expect(decideReturnEligibility(input({ condition: { ...INTACT, sealBroken: true } })).noReasonReturn.allowed).toBe(true);
    expect(decideReturnEligibility(input({ buyerConfirmedExclusions: ['seal_affects_safety'] })).noReasonReturn.allowed).toBe(true);
  });
  it('the seller pays postage when the contract says so', () => {
    expect(decideReturnEligibility(input({ contract: { sellerPaysReturnShipping: true } }))).toMatchObject({ returnShippingPaidBy: 'seller' });
  });
  it('quality remedies are not for a no-reason request', () => {
    const d = decideReturnEligibility(input());
    expect(d.qualityReturn.allowed).toBe(false);
    expect(d.exchange.allowed).toBe(false);
    expect(d.repair).toMatchObject({ allowed: false, until: null });
    expect(codes(d.qualityReturn)[0]).toBe('no_fault_claimed');
  });
});

describe('quality return, exchange, repair (Art 24, 三包)', () => {
  const q = (over: Partial<EligibilityInput> = {}) => decideReturnEligibility(input({ reason: 'quality', salesChannel: 'store', ...over }));
  it('any channel: return within 7 days, exchange within 15, repair; the seller pays transport', () => {
    const d = q({ requestedOn: '2026-03-09' });
    expect(d.qualityReturn).toMatchObject({ allowed: true, until: '2026-03-09' });
    expect(d.qualityReturn.reasons[0]!.rule).toBe('Consumer Rights Protection Law Art 24');
    expect(d.exchange).toMatchObject({ allowed: true, until: '2026-03-17' });
    expect(d.exchange.reasons[0]!.rule).toBe('三包 rules (部分商品修理更换退货责任规定, 1995): within 15 days');
    expect(d.repair).toMatchObject({ allowed: true, until: null });
    expect(d).toMatchObject({ returnShippingPaidBy: 'seller' });
    expect(d.returnShippingReasons[0]!.code).toBe('seller_pays_quality');
  });
  it('day 8: exchange or repair; day 16: repair only', () => {
    const d8 = q({ requestedOn: '2026-03-10' });
    expect([d8.qualityReturn.allowed, d8.exchange.allowed, d8.repair.allowed]).toEqual([false, true, true]);
    expect(codes(d8.qualityReturn)).toEqual(expect.arrayContaining(['too_late', 'repair_or_exchange']));
    const d16 = q({ requestedOn: '2026-03-18' });
    expect([d16.qualityReturn.allowed, d16.exchange.allowed, d16.repair.allowed]).toEqual([false, false, true]);
  });
  it('windows across Spring Festival and National Day move to the next working day', () => {
    // received 2026-02-01: day 15 = Feb 16 (春节) → Feb 24
    expect(q({ receivedOn: '2026-02-01', requestedOn: '2026-02-24' }).exchange).toMatchObject({ allowed: true, until: '2026-02-24' });
    // received 2025-09-25: day 7 = Oct 2 (国庆+中秋 2025) → Oct 9
    expect(q({ receivedOn: '2025-09-25', requestedOn: '2025-10-09' }).qualityReturn).toMatchObject({ allowed: true, until: '2025-10-09' });
  });
  it("003's 15 days for a quality return are more generous than the law and apply", () => {
    const d = q({ receivedOn: '2026-09-16', requestedOn: '2026-10-08', contract: { qualityReturnDays: 15 } });
    expect(d.qualityReturn).toMatchObject({ allowed: true, until: '2026-10-08' }); // day 15 = Oct 1 → Oct 8
    expect(codes(d.qualityReturn)).toEqual(expect.arrayContaining(['contract_more_generous', 'last_day_rest_day']));
  });
  it('a contract with fewer exchange days is ignored', () => {
    const d = q({ requestedOn: '2026-03-17', contract: { exchangeDays: 5 } });
    expect(d.exchange).toMatchObject({ allowed: true, until: '2026-03-17' });
    expect(codes(d.exchange)).toContain('contract_below_law');
  });
  it('a custom-made product with a quality problem is still returned', () => {
    const d = q({ customMade: true, salesChannel: 'online' });
    expect(d.qualityReturn.allowed).toBe(true);
    expect(d.noReasonReturn.allowed).toBe(false);
  });
  it("with the unit's warranty decision: two failed repairs open return and exchange; out of warranty, repair is paid", () => {
    const unit = {
      warrantyMonths: 12,
      purchaseDate: '2025-06-01',
      repairs: [
        { from: '2025-08-01', to: '2025-08-05' },
        { from: '2025-10-10', to: '2025-10-15' },
      ],
    };
    const w = decideWarranty(unit, { at: '2026-03-05', cause: 'quality', isRestDay: cnRestDay });
    const d = q({ receivedOn: '2025-06-01', requestedOn: '2026-03-05', warranty: w });
    expect(d.qualityReturn).toMatchObject({ allowed: true, until: w.warrantyEndsOn });
    expect(codes(d.qualityReturn)).toContain('two_repairs_failed');
    expect(d.exchange.allowed).toBe(true);
    expect(d.repair).toMatchObject({ allowed: true, until: w.warrantyEndsOn });

    const out = decideWarranty({ warrantyMonths: 12, purchaseDate: '2024-01-10' }, { at: '2026-03-05', cause: 'quality', isRestDay: cnRestDay });
    const paid = q({ receivedOn: '2024-01-10', requestedOn: '2026-03-05', warranty: out });
    expect(paid.repair).toMatchObject({ allowed: false, until: out.warrantyEndsOn });
    expect(codes(paid.repair)).toContain('out_of_warranty');
    expect(paid.returnShippingPaidBy).toBeNull();
  });
});

describe('wrong shipment (003 §八)', () => {
  it('return or exchange at any time, the company pays postage, no repair', () => {
    const d = decideReturnEligibility(input({ reason: 'wrong_shipment', salesChannel: 'contract', requestedOn: '2027-06-01' }));
    expect(d.qualityReturn).toMatchObject({ allowed: true, until: null });
    expect(d.exchange).toMatchObject({ allowed: true, until: null });
    expect(d.qualityReturn.reasons[0]!.rule).toBe('003 §八');
    expect(d.repair.allowed).toBe(false);
    expect(d).toMatchObject({ returnShippingPaidBy: 'seller' });
    expect(d.returnShippingReasons[0]!.code).toBe('seller_pays_wrong_shipment');
  });
});

describe('input', () => {
  it('refuses a request before receipt, naming the field', () => {
    try {
      decideReturnEligibility(input({ requestedOn: '2026-03-01' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ReturnsInputError);
      expect((e as ReturnsInputError).path).toBe('requestedOn');
    }
    expect(() => decideReturnEligibility(input({ receivedOn: '2026-02-30' }))).toThrow(ReturnsInputError);
  });
  it('a window ending in an unloaded year says so', () => {
    const d = decideReturnEligibility(input({ receivedOn: '2026-12-28', requestedOn: '2026-12-30' }));
    expect(codes(d.noReasonReturn)).toContain('calendar_year_missing');
  });
});
