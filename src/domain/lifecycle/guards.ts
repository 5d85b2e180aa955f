import { AppError } from '../shared/errors';
import type { Guard, TransitionContext } from './lifecycle';

// Guards every lifecycle may name in its table. A subject's own guards (e.g. a refund that refuses
// to complete without a payment reference) live beside its lifecycle and follow the same shape.

/** Refuses a move without a non-empty reason (cancelling, reopening). */
export const requiresReason: Guard<TransitionContext> = (ctx, { from, to }) =>
  ctx.reason?.trim()
    ? null
    : new AppError('validation_failed', {
        message: `moving from ${from} to ${to} needs a reason`,
        userMessage: { zh: '此操作需要填写原因', en: 'This change needs a reason' },
        issues: [{ path: 'reason', code: 'required', message: 'A reason is required' }],
      });
