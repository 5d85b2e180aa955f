import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { isOutstanding, OLD_PART_LIFECYCLE as L } from './old-part.lifecycle';

// 旧件返还 (issue 11): tracked until the station receives it; in-warranty old parts may go to the maker.
const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  return null;
};

describe('old-part lifecycle', () => {
  it('is outstanding until the station receives it', () => {
    expect(L.statuses.filter(isOutstanding)).toEqual(['expected', 'shipped']);
    expect(L.allowedMoves('expected')).toEqual(['shipped', 'received']);
    expect(L.allowedMoves('shipped')).toEqual(['received']);
    expect(L.terminalStatuses).toEqual(['returned_to_maker', 'scrapped']);
  });
  it('shipping back needs a tracking number', () => {
    expect(refusal(() => L.assertTransition('expected', 'shipped', {}))?.code).toBe('validation_failed');
    expect(refusal(() => L.assertTransition('expected', 'shipped', { trackingNumber: '  ' }))?.code).toBe('validation_failed');
    expect(refusal(() => L.assertTransition('expected', 'shipped', { trackingNumber: 'SF123' }))).toBeNull();
  });
  it('only an old part replaced under warranty goes back to the maker', () => {
    expect(refusal(() => L.assertTransition('received', 'returned_to_maker', { inWarranty: false }))?.code).toBe('conflict');
    expect(refusal(() => L.assertTransition('received', 'returned_to_maker', { inWarranty: true }))).toBeNull();
  });
  it('cannot skip the station: no return to the maker before it is received', () => {
    const e = refusal(() => L.assertTransition('shipped', 'returned_to_maker', { inWarranty: true }));
    expect(e?.code).toBe('illegal_transition');
    expect(e?.details).toMatchObject({ allowed: ['received'] });
  });
});
