import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { RMA_LIFECYCLE } from './rma.status';

const code = (f: () => void) => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
};

describe('RMA lifecycle (退换货单)', () => {
  it('review: approval needs a return address; refusal a reason and the attribution', () => {
    expect(code(() => RMA_LIFECYCLE.assertTransition('requested', 'approved', {}))).toBe('validation_failed');
    expect(code(() => RMA_LIFECYCLE.assertTransition('requested', 'approved', { returnAddress: '上海市仓库' }))).toBeNull();
    expect(code(() => RMA_LIFECYCLE.assertTransition('requested', 'refused', { reason: '超过七日' }))).toBe('validation_failed');
    expect(code(() => RMA_LIFECYCLE.assertTransition('requested', 'refused', { reason: '超过七日', attribution: 'customer_cause' }))).toBeNull();
  });
  it('nothing is inspected before it arrives, nor refunded before inspection', () => {
    expect(code(() => RMA_LIFECYCLE.assertTransition('approved', 'inspected', {}))).toBe('illegal_transition');
    expect(code(() => RMA_LIFECYCLE.assertTransition('received', 'refunded', { attribution: 'production_quality' }))).toBe('illegal_transition');
    expect(code(() => RMA_LIFECYCLE.assertTransition('approved', 'in_transit', { courier: '顺丰' }))).toBe('validation_failed');
  });
  it('an exchange to another model needs the customer’s consent', () => {
    const ctx = { attribution: 'production_quality' as const, otherModel: true };
    expect(code(() => RMA_LIFECYCLE.assertTransition('inspected', 'exchanging', ctx))).toBe('conflict');
    expect(code(() => RMA_LIFECYCLE.assertTransition('inspected', 'exchanging', { ...ctx, customerConsent: true }))).toBeNull();
  });
  it('every move into a closed status requires the attribution', () => {
    for (const from of RMA_LIFECYCLE.statuses)
      for (const to of RMA_LIFECYCLE.allowedMoves(from))
        if (RMA_LIFECYCLE.isTerminal(to)) expect(RMA_LIFECYCLE.ruleFor(from, to), `${from} → ${to}`).toHaveProperty('requiresAttribution', true);
  });
});
