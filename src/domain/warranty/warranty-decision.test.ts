import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CN_WORKDAYS, isWorkingDate, isYearCovered } from '../calendar';
import { formatIsoDate, parseIsoDate } from '../calendar/civil-day';
import { decideWarranty, stageRank, WARRANTY_CAUSES, WarrantyInputError, type WarrantyCause, type WarrantyUnit } from './warranty-decision';
import { WARRANTY_RULES } from './warranty-rules';

const unit = (over: Partial<WarrantyUnit> = {}): WarrantyUnit => ({ warrantyMonths: 12, purchaseDate: '2025-11-20', repairs: [], exchanges: [], ...over });
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code);
const cnRestDay = (date: string) => (isYearCovered(CN_WORKDAYS, Number(date.slice(0, 4))) ? !isWorkingDate(CN_WORKDAYS, date) : null);

describe('validity period (Civil Code Art 202, 三包 from the invoice date)', () => {
  it('12 months bought 2025-11-20 covers through 2026-11-20, judged as of the claim date', () => {
    const on = decideWarranty(unit(), { at: '2026-11-20', cause: 'quality' });
    expect(on).toMatchObject({ inWarranty: true, warrantyEndsOn: '2026-11-20', stage: 'repair', free: true });
    const after = decideWarranty(unit(), { at: '2026-11-21', cause: 'quality' });
    expect(after).toMatchObject({ inWarranty: false, warrantyEndsOn: '2026-11-20', stage: 'out_of_warranty', free: false });
    expect(codes(after)).toContain('out_of_warranty');
  });
  it('runs from the delivery date when no purchase date is recorded', () => {
    const d = decideWarranty(unit({ purchaseDate: null, deliveryDate: '2025-12-01' }), { at: '2026-12-01', cause: 'quality' });
    expect(d).toMatchObject({ inWarranty: true, warrantyEndsOn: '2026-12-01' });
  });
  it('without any purchase or delivery date: no proof, paid', () => {
    const d = decideWarranty(unit({ purchaseDate: null }), { at: '2026-01-01', cause: 'quality' });
    expect(d).toMatchObject({ inWarranty: false, warrantyEndsOn: null, stage: 'out_of_warranty', free: false });
    expect(d.reasons[0]!.rule).toBe(WARRANTY_RULES.excluded.rule);
  });
  it('refuses a claim before the purchase and names the field', () => {
    expect(() => decideWarranty(unit(), { at: '2025-11-19', cause: 'quality' })).toThrow(WarrantyInputError);
    try {
      decideWarranty(unit(), { at: '2025-02-30', cause: 'quality' });
    } catch (e) {
      expect((e as WarrantyInputError).path).toBe('at');
    }
  });
});

describe('三包 stages count from the day after purchase or delivery (Civil Code Art 201)', () => {
  it('day 7 is return/exchange/repair, day 8 exchange/repair, day 15 still, day 16 repair', () => {
    const u = unit({ purchaseDate: '2026-03-02' });
    expect(decideWarranty(u, { at: '2026-03-02', cause: 'quality' }).stage).toBe('return_exchange_repair');
    expect(decideWarranty(u, { at: '2026-03-09', cause: 'quality' }).stage).toBe('return_exchange_repair');
    expect(decideWarranty(u, { at: '2026-03-10', cause: 'quality' }).stage).toBe('exchange_repair');
    expect(decideWarranty(u, { at: '2026-03-17', cause: 'quality' }).stage).toBe('exchange_repair');
    expect(decideWarranty(u, { at: '2026-03-18', cause: 'quality' }).stage).toBe('repair');
  });
  it('count from the delivery date when given', () => {
    const u = unit({ purchaseDate: '2026-03-02', deliveryDate: '2026-03-12' });
    const d = decideWarranty(u, { at: '2026-03-19', cause: 'quality' });
    expect(d.stage).toBe('return_exchange_repair');
    expect(d.reasons.find((r) => r.code === 'day_count')!.text).toContain('自交付次日起计算，申请日为第 7 日');
    // the validity period still runs from the invoice date
    expect(d.warrantyEndsOn).toBe('2027-03-02');
  });
  it('a last day on a statutory holiday moves to the next working day (Art 203)', () => {
    // bought 2026-09-24: day 7 = 2026-10-01 (国庆) → the 7-day stage lasts through 2026-10-08
    const u = unit({ purchaseDate: '2026-09-24' });
    expect(decideWarranty(u, { at: '2026-10-08', cause: 'quality', isRestDay: cnRestDay }).stage).toBe('return_exchange_repair');
    expect(decideWarranty(u, { at: '2026-10-08', cause: 'quality' }).stage).toBe('exchange_repair');
    // 12 months from 2025-10-01 ends on 2026-10-01, a holiday → through 2026-10-08
    const h = decideWarranty(unit({ purchaseDate: '2025-10-01' }), { at: '2026-10-08', cause: 'quality', isRestDay: cnRestDay });
    expect(h).toMatchObject({ inWarranty: true, warrantyEndsOn: '2026-10-08' });
    expect(h.reasons.find((r) => r.code === 'last_day_rest_day')).toMatchObject({ rule: 'Civil Code Art 203' });
  });
  it('says so instead of guessing when the calendar lacks the year', () => {
    const d = decideWarranty(unit({ purchaseDate: '2026-10-01' }), { at: '2027-01-05', cause: 'quality', isRestDay: cnRestDay });
    expect(d.warrantyEndsOn).toBe('2027-10-01');
    expect(codes(d)).toContain('calendar_year_missing');
  });
});

describe('repairs and parts waiting extend the period; an exchange restarts it', () => {
  it('repair days and parts-waiting days outside the repair extend it, overlaps counted once', () => {
    const u = unit({
      repairs: [
        { from: '2026-03-01', to: '2026-03-11', partsWaiting: { from: '2026-03-05', to: '2026-03-15' } }, // 14 days in all
        { from: '2026-06-01', to: '2026-06-04' }, // 3 days
      ],
    });
    const d = decideWarranty(u, { at: '2026-12-01', cause: 'quality' });
    expect(d.warrantyEndsOn).toBe('2026-12-07');
    expect(d.inWarranty).toBe(true);
    expect(d.reasons.find((r) => r.code === 'extended_by_repairs')!.text).toContain('共 17 天');
  });
  it('history after the claim date does not count (judged as of that day)', () => {
    const u = unit({ repairs: [{ from: '2026-12-10', to: '2026-12-30' }] });
    expect(decideWarranty(u, { at: '2026-11-25', cause: 'quality' })).toMatchObject({ inWarranty: false, warrantyEndsOn: '2026-11-20' });
  });
  it('a repair after the period ended extends nothing', () => {
    const u = unit({ repairs: [{ from: '2026-11-25', to: '2026-12-30' }] });
    expect(decideWarranty(u, { at: '2027-01-05', cause: 'quality' }).warrantyEndsOn).toBe('2026-11-20');
  });
  it('an exchange restarts the period from the exchange date', () => {
    const u = unit({ repairs: [{ from: '2026-02-01', to: '2026-02-20' }], exchanges: [{ on: '2026-05-10' }] });
    const d = decideWarranty(u, { at: '2027-05-01', cause: 'quality' });
    expect(d).toMatchObject({ inWarranty: true, warrantyEndsOn: '2027-05-10', stage: 'repair' });
    expect(d.reasons.find((r) => r.code === 'restarted_by_exchange')!.rule).toBe(WARRANTY_RULES.exchangeRestarts.rule);
  });
  it('two repairs within the period, failing again → exchange or return', () => {
    const u = unit({
      repairs: [
        { from: '2026-02-01', to: '2026-02-05' },
        { from: '2026-04-01', to: '2026-04-03' },
      ],
    });
    const d = decideWarranty(u, { at: '2026-06-01', cause: 'quality' });
    expect(d.stage).toBe('return_exchange_repair');
    expect(d.reasons.find((r) => r.code === 'two_repairs_failed')!.rule).toBe(WARRANTY_RULES.twoRepairs.rule);
    // one repair only: repair
    expect(decideWarranty(unit({ repairs: u.repairs!.slice(0, 1) }), { at: '2026-06-01', cause: 'quality' }).stage).toBe('repair');
    // repairs before an exchange belong to the old unit
    expect(decideWarranty({ ...u, exchanges: [{ on: '2026-05-01' }] }, { at: '2026-06-01', cause: 'quality' }).stage).toBe('repair');
  });
  it('refuses history that ends before it starts', () => {
    expect(() => decideWarranty(unit({ repairs: [{ from: '2026-03-05', to: '2026-03-01' }] }), { at: '2026-06-01', cause: 'quality' })).toThrow(/Ends before/);
    expect(() => decideWarranty(unit({ exchanges: [{ on: '2025-01-01' }] }), { at: '2026-06-01', cause: 'quality' })).toThrow(WarrantyInputError);
  });
});

describe('causes', () => {
  it.each(['misuse', 'poor_storage', 'force_majeure', 'unauthorised_disassembly', 'no_proof'] as const)(
    '%s is paid with its reason, even on day 1',
    (cause) => {
      const d = decideWarranty(unit(), { at: '2025-11-21', cause, evidence: '外壳进水照片' });
      expect(d).toMatchObject({ inWarranty: true, stage: 'out_of_warranty', free: false });
      const r = d.reasons.find((x) => x.code === `excluded_${cause}`)!;
      expect(r.rule).toBe(WARRANTY_RULES.excluded.rule);
      expect(r.text).toContain('有偿维修');
      expect(r.text).toContain('外壳进水照片');
    },
  );
  it('unknown cause is judged as quality for now, and says so', () => {
    const d = decideWarranty(unit(), { at: '2026-01-10', cause: 'unknown' });
    expect(d).toMatchObject({ stage: 'repair', free: true });
    expect(codes(d)).toContain('cause_pending');
  });
  it('custom-made: no no-reason return, quality faults keep their 三包 stage', () => {
    const d = decideWarranty(unit({ customMade: true }), { at: '2025-11-22', cause: 'quality' });
    expect(d.stage).toBe('return_exchange_repair');
    expect(d.reasons.find((r) => r.code === 'custom_made')!.rule).toBe('000 §退换货服务');
  });
});

describe('main parts with their own period', () => {
  const pc = unit({ mainParts: [{ name: '主板', warrantyMonths: 24 }] });
  it('a named main part is decided with its longer period', () => {
    const d = decideWarranty(pc, { at: '2027-03-01', cause: 'quality', part: '主板' });
    expect(d).toMatchObject({ inWarranty: true, warrantyEndsOn: '2027-11-20', stage: 'repair', free: true, part: '主板' });
    expect(decideWarranty(pc, { at: '2027-03-01', cause: 'quality' })).toMatchObject({ inWarranty: false, part: null });
  });
  it('a part the model does not list gets the unit period, with a reason', () => {
    const d = decideWarranty(pc, { at: '2027-03-01', cause: 'quality', part: '电源' });
    expect(d).toMatchObject({ inWarranty: false, part: null });
    expect(codes(d)).toContain('part_not_listed');
  });
});

describe('every reason cites a rule RULES.md names, in both languages', () => {
  it('rules come from the table', () => {
    const known = new Set<string>(Object.values(WARRANTY_RULES).map((r) => r.rule));
    for (const cause of WARRANTY_CAUSES) {
      const d = decideWarranty(unit({ customMade: true, repairs: [{ from: '2026-01-01', to: '2026-01-05' }] }), { at: '2026-02-01', cause });
      for (const r of d.reasons) {
        expect(known.has(r.rule)).toBe(true);
        expect(r.text).toMatch(/[\u4e00-\u9fff]/);
        expect(r.textEn.length).toBeGreaterThan(0);
      }
    }
  });
});

// ---- laws ------------------------------------------------------------------------------------------
const dayArb = (min: string, max: string) => fc.integer({ min: parseIsoDate(min)!, max: parseIsoDate(max)! });
const causeArb = fc.constantFrom<WarrantyCause>(...WARRANTY_CAUSES);
const unitArb = fc
  .record({
    purchase: dayArb('2024-01-01', '2026-01-01'),
    months: fc.integer({ min: 0, max: 36 }),
    delivery: fc.option(fc.integer({ min: 0, max: 20 })),
    repairs: fc.array(
      fc.record({ off: fc.integer({ min: 0, max: 500 }), len: fc.integer({ min: 0, max: 40 }), wait: fc.option(fc.integer({ min: 0, max: 30 })) }),
      {
        maxLength: 4,
      },
    ),
    exchanges: fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 2 }),
  })
  .map((g) => {
    const f = formatIsoDate;
    const u: WarrantyUnit = {
      warrantyMonths: g.months,
      purchaseDate: f(g.purchase),
      deliveryDate: g.delivery === null ? null : f(g.purchase + g.delivery),
      repairs: g.repairs.map((r) => ({
        from: f(g.purchase + r.off),
        to: f(g.purchase + r.off + r.len),
        partsWaiting: r.wait === null ? null : { from: f(g.purchase + r.off + r.len), to: f(g.purchase + r.off + r.len + r.wait) },
      })),
      exchanges: g.exchanges.map((e) => ({ on: f(g.purchase + e) })),
    };
    // the last day any history touches
    const lastHistory = Math.max(
      g.purchase + 20,
      ...g.repairs.map((r) => g.purchase + r.off + r.len + (r.wait ?? 0)),
      ...g.exchanges.map((e) => g.purchase + e),
    );
    return { u, lastHistory };
  });

describe('laws', () => {
  it('a later claim date never improves the stage, nor brings it back into warranty', () => {
    fc.assert(
      fc.property(unitArb, fc.nat(900), fc.nat(900), causeArb, ({ u, lastHistory }, a, b, cause) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const early = decideWarranty(u, { at: formatIsoDate(lastHistory + 1 + lo), cause });
        const late = decideWarranty(u, { at: formatIsoDate(lastHistory + 1 + hi), cause });
        expect(stageRank(late.stage)).toBeGreaterThanOrEqual(stageRank(early.stage));
        if (!early.inWarranty) expect(late.inWarranty).toBe(false);
        if (!early.free) expect(late.free).toBe(false);
      }),
    );
  });
  it('recording a repair never shortens the period', () => {
    fc.assert(
      fc.property(unitArb, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 60 }), ({ u, lastHistory }, off, len) => {
        const p = parseIsoDate(u.purchaseDate!)!;
        const at = formatIsoDate(Math.max(lastHistory, p + off + len) + 1);
        const before = decideWarranty(u, { at, cause: 'quality' });
        const more = { ...u, repairs: [...u.repairs!, { from: formatIsoDate(p + off), to: formatIsoDate(p + off + len) }] };
        const after = decideWarranty(more, { at, cause: 'quality' });
        expect(after.warrantyEndsOn! >= before.warrantyEndsOn!).toBe(true);
      }),
    );
  });
  it('an exchange restarts: the period then ends exactly months after the exchange, whatever came before', () => {
    fc.assert(
      fc.property(unitArb, fc.integer({ min: 0, max: 700 }), ({ u, lastHistory }, off) => {
        const p = parseIsoDate(u.purchaseDate!)!;
        const on = Math.max(lastHistory, p + off) + 1;
        const swapped = { ...u, exchanges: [...u.exchanges!, { on: formatIsoDate(on) }] };
        const d = decideWarranty(swapped, { at: formatIsoDate(on + 1), cause: 'quality' });
        const fresh = decideWarranty({ warrantyMonths: u.warrantyMonths, purchaseDate: formatIsoDate(on) }, { at: formatIsoDate(on + 1), cause: 'quality' });
        expect(d.warrantyEndsOn).toBe(fresh.warrantyEndsOn);
        expect(d.inWarranty).toBe(u.warrantyMonths > 0);
      }),
    );
  });
  it('an exclusion is never free; in warranty by date and quality is always free', () => {
    fc.assert(
      fc.property(unitArb, fc.nat(900), causeArb, ({ u, lastHistory }, off, cause) => {
        const d = decideWarranty(u, { at: formatIsoDate(lastHistory + off), cause });
        if (!['quality', 'unknown'].includes(cause)) expect(d.free).toBe(false);
        else expect(d.free).toBe(d.inWarranty);
        expect(d.stage === 'out_of_warranty').toBe(!d.free);
      }),
    );
  });
});
