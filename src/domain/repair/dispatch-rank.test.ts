import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoPick, rankEngineers, type EngineerFacts } from './dispatch-rank';
import { regionCovering } from './dispatch-rank.region';

const eng = (id: string, o: Partial<EngineerFacts> = {}): EngineerFacts => ({
  id,
  name: id,
  categories: ['电子类'],
  certifications: [],
  regions: ['华东'],
  openLoad: 0,
  ...o,
});
const order = (engineers: EngineerFacts[], job: Parameters<typeof rankEngineers>[1]) => rankEngineers(engineers, job).map((r) => r.engineer.id);

describe('派单规则 rankEngineers', () => {
  const job = { category: '电子类', certification: '电工证', region: '华东' };

  it('skill before certification before region before load', () => {
    const list = [
      eng('busy-all', { certifications: ['电工证'], openLoad: 9 }),
      eng('idle-no-skill', { categories: ['机械类'], certifications: ['电工证'] }),
      eng('idle-no-cert'),
      eng('idle-other-region', { certifications: ['电工证'], regions: ['华南'] }),
      eng('light-all', { certifications: ['电工证'], openLoad: 2 }),
    ];
    expect(order(list, job)).toEqual(['light-all', 'busy-all', 'idle-other-region', 'idle-no-cert', 'idle-no-skill']);
  });

  it('says why, in Chinese first', () => {
    const [first] = rankEngineers([eng('a', { certifications: ['电工证'], openLoad: 3 })], job);
    expect(first!.reasons.map((r) => r.zh)).toEqual(['擅长电子类', '持有电工证', '负责华东', '在办 3 单']);
  });

  it('below capacity before model and fault specialists before load before travel time', () => {
    const job2 = { category: '电子类', model: 'PS-3000', faultCategory: 'power', region: '上海市浦东新区张江路100号' };
    const list = [
      eng('full-specialist', { models: ['PS-3000'], faultCategories: ['power'], openLoad: 3, capacity: 3 }),
      eng('model', { models: ['PS-3000'], openLoad: 2, capacity: 5 }),
      eng('fault', { faultCategories: ['power'], openLoad: 0 }),
      eng('near', { openLoad: 1, etaMinutes: 20 }),
      eng('far', { openLoad: 1, etaMinutes: 90 }),
      eng('unknown-eta', { openLoad: 1 }),
    ];
    expect(order(list, job2)).toEqual(['model', 'fault', 'near', 'far', 'unknown-eta', 'full-specialist']);
    const [first] = rankEngineers(list, job2);
    expect(first!.reasons.map((r) => r.zh)).toEqual(['擅长电子类', '熟悉型号 PS-3000', '负责华东', '在办 2/5 单']);
    expect(rankEngineers([list[0]!], job2)[0]!.reasons.at(-1)!.zh).toBe('已满 3/3 单');
    expect(rankEngineers([list[3]!], job2)[0]!.reasons.at(-1)!.zh).toBe('约 20 分钟到场');
  });

  it('automatic dispatch picks the best only when skilled, certified, in the region and below capacity', () => {
    const site = { category: '电子类', region: '广东省广州市天河区' };
    expect(autoPick(rankEngineers([eng('east')], site))).toBeNull();
    expect(autoPick(rankEngineers([eng('south', { regions: ['华南'], openLoad: 2, capacity: 2 })], site))).toBeNull();
    expect(autoPick(rankEngineers([eng('east'), eng('south', { regions: ['广东'], openLoad: 1, capacity: 2 })], site))?.engineer.id).toBe('south');
    expect(autoPick([])).toBeNull();
  });

  it('a job without category, certification or region ranks on load alone', () => {
    expect(order([eng('b', { openLoad: 2, categories: [] }), eng('a', { openLoad: 5 })], { category: null, region: null })).toEqual(['b', 'a']);
  });

  const arb = fc.uniqueArray(
    fc.record({
      id: fc.uuid(),
      name: fc.constantFrom('陈工', '刘工', '王工'),
      categories: fc.subarray(['电子类', '机械类']),
      certifications: fc.subarray(['电工证', '高压']),
      regions: fc.subarray(['华东', '华南']),
      openLoad: fc.nat(20),
      capacity: fc.option(fc.integer({ min: 1, max: 10 })),
      etaMinutes: fc.option(fc.nat(240)),
    }),
    { maxLength: 8, selector: (e) => e.id },
  );

  it('the order does not depend on the order engineers are listed in (law: permutation invariance)', () => {
    fc.assert(
      fc.property(arb, (list) => {
        expect(order([...list].reverse(), job)).toEqual(order(list, job));
      }),
    );
  });

  it('taking load off an engineer never moves them down (law: monotone in load)', () => {
    fc.assert(
      fc.property(arb, fc.nat(7), (list, k) => {
        if (!list.length) return;
        const i = k % list.length;
        const target = list[i]!;
        if (target.openLoad === 0) return;
        const lighter = list.map((e, j) => (j === i ? { ...e, openLoad: e.openLoad - 1 } : e));
        expect(order(lighter, job).indexOf(target.id)).toBeLessThanOrEqual(order(list, job).indexOf(target.id));
      }),
    );
  });

  it('the eligible ones come first: an automatic pick is never behind an ineligible engineer (law)', () => {
    fc.assert(
      fc.property(arb, (list) => {
        const ranked = rankEngineers(list, job);
        const firstIneligible = ranked.findIndex((r) => !r.eligible);
        if (firstIneligible >= 0) expect(ranked.slice(firstIneligible).every((r) => !r.eligible)).toBe(true);
        expect(autoPick(ranked)).toBe(ranked.find((r) => r.eligible) ?? null);
      }),
    );
  });
});

describe('服务区域 regionCovering', () => {
  it.each([
    [['华东'], '上海市浦东新区张江路100号', '华东'],
    [['上海市'], '上海市浦东新区张江路100号', '上海市'],
    [['江苏', '浦东新区'], '上海市浦东新区张江路100号', '浦东新区'],
    [['华南'], '深圳市南山区科技园', '华南'],
    [['华南'], '上海市浦东新区', null],
    [['华东'], '华东', '华东'],
    [['上海'], '华东', '上海'],
    [['华北'], '华东', null],
    [[''], '上海市', null],
    [['华东'], '  ', null],
  ])('%j covers %s → %s', (regions, site, expected) => {
    expect(regionCovering(regions, site)).toBe(expected);
  });
});
