import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';
import { AppError } from '../shared/errors';
import type { TargetName } from '../sla/targets';

// 退款 lifecycle (RULES.md Refund: 000 §退款服务, 002 §8.4.3): requested → approved by finance → paid
// with the bank's reference, or failed (wrong account …) with the reason and a new date the customer is
// told; a failed refund is paid again later. One table; the server checks it under the row lock, so
// two finance clerks paying at once pay once.
export const REFUND_STATUSES = ['requested', 'approved', 'paid', 'failed', 'cancelled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface RefundTransitionContext extends TransitionContext {
  reference?: string | null;
  newDueOn?: string | null;
}

/** Refuses "paid" without the payment's reference (流水号): finance reconciles by it. */
export const requiresPaymentReference: Guard<RefundTransitionContext> = (ctx) =>
  ctx.reference?.trim()
    ? null
    : new AppError('validation_failed', {
        message: 'a payment needs its reference',
        userMessage: { zh: '请填写付款流水号', en: 'The payment reference is required' },
        issues: [{ path: 'reference', code: 'required', message: 'The payment reference is required' }],
      });

/** Refuses "failed" without the new date the customer is told (000 §退款服务). */
export const requiresNewDate: Guard<RefundTransitionContext> = (ctx) =>
  ctx.newDueOn
    ? null
    : new AppError('validation_failed', {
        message: 'a failed refund needs a new date',
        userMessage: { zh: '请填写新的退款日期（将告知客户）', en: 'Give the new refund date (the customer is told)' },
        issues: [{ path: 'newDueOn', code: 'required', message: 'The new date is required' }],
      });

const GUARDS = { requiresReason, requiresPaymentReference, requiresNewDate } as Record<
  'requiresReason' | 'requiresPaymentReference' | 'requiresNewDate',
  Guard<RefundTransitionContext>
>;

export const REFUND_LIFECYCLE = defineLifecycle({
  subject: 'refund',
  noun: { zh: '退款单', en: 'A refund' },
  statuses: REFUND_STATUSES,
  labels: {
    requested: { zh: '待审批', en: 'Requested' },
    approved: { zh: '已审批，待付款', en: 'Approved' },
    paid: { zh: '已付款', en: 'Paid' },
    failed: { zh: '退款失败', en: 'Failed' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  },
  transitions: {
    requested: { approved: {}, cancelled: { requiresReason: true } },
    approved: { paid: { requiresPaymentReference: true }, failed: { requiresReason: true, requiresNewDate: true } },
    failed: { paid: { requiresPaymentReference: true }, cancelled: { requiresReason: true } },
    paid: {},
    cancelled: {},
  },
  guards: GUARDS,
  open: ['requested', 'approved', 'failed'],
  pauses: {} as Partial<Record<RefundStatus, readonly TargetName[]>>,
});
