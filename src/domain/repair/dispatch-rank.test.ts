import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankEngineers, type EngineerFacts } from './dispatch-rank';

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
});
