import { describe, expect, it } from 'vitest';
import { FAULT_CODE_PATTERN, faultCategoriesFor, faultLabel, isFaultCodeAllowed, SEED_FAULT_CATALOGUE, type FaultEntry } from './fault-catalogue';

const entry = (e: Partial<FaultEntry> & Pick<FaultEntry, 'code'>): FaultEntry => ({
  productCategory: '',
  zh: e.code,
  en: e.code,
  active: true,
  sortOrder: 0,
  ...e,
});

describe('fault catalogue rules (pure, the catalogue is an input)', () => {
  it('the seed keeps the shipped lists: general for most categories, own lists for cables and chips', () => {
    expect(faultCategoriesFor(SEED_FAULT_CATALOGUE, '电子类').map((f) => f.code)).toEqual([
      'power',
      'no_boot',
      'display',
      'communication',
      'mechanical',
      'firmware',
      'overheat',
      'other',
    ]);
    expect(faultCategoriesFor(SEED_FAULT_CATALOGUE, '线缆类').map((f) => f.code)).toEqual([
      'open_circuit',
      'short_circuit',
      'connector',
      'insulation',
      'other',
    ]);
    expect(faultCategoriesFor(SEED_FAULT_CATALOGUE, null)[0]).toEqual({ code: 'power', zh: '电源故障', en: 'Power fault' });
    expect(SEED_FAULT_CATALOGUE.every((f) => FAULT_CODE_PATTERN.test(f.code))).toBe(true);
  });

  it('retired entries are not offered nor allowed, yet still label old repairs', () => {
    const cat = [entry({ code: 'power', zh: '电源故障' }), entry({ code: 'smoke', zh: '冒烟', active: false })];
    expect(faultCategoriesFor(cat, null).map((f) => f.code)).toEqual(['power']);
    expect(isFaultCodeAllowed(cat, 'smoke')).toBe(false);
    expect(isFaultCodeAllowed(cat, 'power')).toBe(true);
    expect(faultLabel(cat, 'smoke')?.zh).toBe('冒烟');
    expect(faultLabel(cat, 'nothing')).toBeUndefined();
  });

  it('a category whose own entries are all retired falls back to the general list; order follows sortOrder', () => {
    const cat = [entry({ code: 'b', sortOrder: 20 }), entry({ code: 'a', sortOrder: 10 }), entry({ code: 'esd', productCategory: '芯片类', active: false })];
    expect(faultCategoriesFor(cat, '芯片类').map((f) => f.code)).toEqual(['a', 'b']);
    expect(isFaultCodeAllowed(cat, 'a', '芯片类')).toBe(true);
    expect(isFaultCodeAllowed(cat, 'esd', '芯片类')).toBe(false);
  });

  it('the general label wins when a code is in several lists', () => {
    const cat = [entry({ code: 'other', zh: '其他（芯片）', productCategory: '芯片类' }), entry({ code: 'other', zh: '其他' })];
    expect(faultLabel(cat, 'other')?.zh).toBe('其他');
  });
});
