import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';
import { AppError } from '../shared/errors';
import type { TargetName } from '../sla/targets';

// 退换货单 (RMA) lifecycle, one table (RULES.md Return/exchange: 000 §退换货服务, 003 §八):
// request → review (24 h / 12 h) → approved with RMA number and return address, or refused →
// the customer ships within 3 days → received → inspected within 24 h → outcome: refund, exchange
// (shipped within 3 wd) or rejected after inspection with the goods sent back.
export const RMA_STATUSES = [
  'requested', // 待审核
  'approved', // 已批准，待客户寄回
  'in_transit', // 客户已寄出
  'received', // 已签收，待检验
  'inspected', // 已检验，待处理结果
  'exchanging', // 换货中（待发出）
  'rejecting', // 检验不通过，待退回客户
  'refunded', // 已转退款
  'exchange_shipped', // 换货已发出
  'sent_back', // 已退回客户
  'refused', // 审核拒绝
  'cancelled', // 已取消
] as const;
export type RmaStatus = (typeof RMA_STATUSES)[number];

// 责任归属 (003 §八): who answers for the return, kept for the quality reports.
export const RMA_ATTRIBUTIONS = ['production_quality', 'sales_order_error', 'logistics_damage', 'customer_cause'] as const;
export type RmaAttribution = (typeof RMA_ATTRIBUTIONS)[number];
export const ATTRIBUTION_LABELS: Record<RmaAttribution, { zh: string; en: string }> = {
  production_quality: { zh: '生产质量', en: 'Production quality' },
  sales_order_error: { zh: '销售下单错误', en: 'Sales order error' },
  logistics_damage: { zh: '物流损坏', en: 'Logistics damage' },
  customer_cause: { zh: '客户原因', en: 'Customer cause' },
};

export const RMA_OUTCOMES = ['refund', 'exchange', 'reject'] as const;
export type RmaOutcome = (typeof RMA_OUTCOMES)[number];

/** What the RMA guards see under the row lock. */
export interface RmaTransitionContext extends TransitionContext {
  attribution?: RmaAttribution | null;
  returnAddress?: string | null;
  courier?: string | null;
  trackingNumber?: string | null;
  inspectionCondition?: string | null;
  /** Exchange: another model than the one returned (the same one is discontinued). */
  otherModel?: boolean;
  customerConsent?: boolean;
}

const invalid = (path: string, zh: string, en: string) =>
  new AppError('validation_failed', { message: `${path} is required`, userMessage: { zh, en }, issues: [{ path, code: 'required', message: en }] });

/** Refuses to close an RMA without saying who answers for it (003 §八 责任归属). */
export const requiresAttribution: Guard<RmaTransitionContext> = (ctx) =>
  ctx.attribution ? null : invalid('attribution', '请选择责任归属', 'Choose who is responsible (attribution)');

/** Refuses approval without the address the customer sends the goods to. */
export const requiresReturnAddress: Guard<RmaTransitionContext> = (ctx) =>
  ctx.returnAddress?.trim() ? null : invalid('returnAddress', '请填写退货地址', 'The return address is required');

/** Refuses a shipment step without courier and tracking number (logistics follows the parcel). */
export const requiresTracking: Guard<RmaTransitionContext> = (ctx) =>
  ctx.courier?.trim() && ctx.trackingNumber?.trim() ? null : invalid('trackingNumber', '请填写快递公司和运单号', 'Courier and tracking number are required');

/** Refuses to finish inspection without the recorded condition (003 §八: inspection within 24 h). */
export const requiresInspectionRecord: Guard<RmaTransitionContext> = (ctx) =>
  ctx.inspectionCondition?.trim() ? null : invalid('condition', '请填写检验结论（货物状况）', 'Record the condition found at inspection');

/**
 * Refuses an exchange to another model without the customer's recorded consent: an exchange is the
 * same model and specification; a discontinued one may be replaced by one of no lower performance
 * only with the customer's consent (000 §退换货服务).
 */
export const refusesOtherModelWithoutConsent: Guard<RmaTransitionContext> = (ctx) =>
  !ctx.otherModel || ctx.customerConsent
    ? null
    : new AppError('conflict', {
        message: 'an exchange to another model needs the customer’s consent',
        userMessage: {
          zh: '换成其他型号须先记录客户同意（《退换货服务》：停产时可换不低于原性能的型号，须经客户同意）',
          en: 'Exchanging to another model needs the customer’s recorded consent (000 §退换货服务)',
        },
      });

type GuardName =
  'requiresReason' | 'requiresAttribution' | 'requiresReturnAddress' | 'requiresTracking' | 'requiresInspectionRecord' | 'refusesOtherModelWithoutConsent';
const GUARDS = {
  requiresReason,
  requiresAttribution,
  requiresReturnAddress,
  requiresTracking,
  requiresInspectionRecord,
  refusesOtherModelWithoutConsent,
} as Record<GuardName, Guard<RmaTransitionContext>>;

/** Every move into a closed status names who answers for it. */
const close = { requiresReason: true, requiresAttribution: true } as const;

export const RMA_LIFECYCLE = defineLifecycle({
  subject: 'rma',
  noun: { zh: '退换货单', en: 'An RMA' },
  statuses: RMA_STATUSES,
  labels: {
    requested: { zh: '待审核', en: 'Awaiting review' },
    approved: { zh: '已批准，待客户寄回', en: 'Approved, awaiting the goods' },
    in_transit: { zh: '客户已寄出', en: 'Shipped by the customer' },
    received: { zh: '已签收，待检验', en: 'Received, awaiting inspection' },
    inspected: { zh: '已检验', en: 'Inspected' },
    exchanging: { zh: '换货待发出', en: 'Exchange to ship' },
    rejecting: { zh: '检验不通过，待退回', en: 'Rejected, to send back' },
    refunded: { zh: '已转退款', en: 'Refund opened' },
    exchange_shipped: { zh: '换货已发出', en: 'Exchange shipped' },
    sent_back: { zh: '已退回客户', en: 'Sent back to the customer' },
    refused: { zh: '审核拒绝', en: 'Refused' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  },
  transitions: {
    requested: { approved: { requiresReturnAddress: true }, refused: close, cancelled: close },
    approved: { in_transit: { requiresTracking: true }, cancelled: close },
    in_transit: { received: {} },
    received: { inspected: { requiresInspectionRecord: true } },
    inspected: {
      refunded: { requiresAttribution: true },
      exchanging: { requiresAttribution: true, refusesOtherModelWithoutConsent: true },
      rejecting: close,
    },
    exchanging: { exchange_shipped: { requiresTracking: true, requiresAttribution: true } },
    rejecting: { sent_back: { requiresTracking: true, requiresAttribution: true } },
    refunded: {},
    exchange_shipped: {},
    sent_back: {},
    refused: {},
    cancelled: {},
  },
  guards: GUARDS,
  open: ['requested', 'approved', 'in_transit', 'received', 'inspected', 'exchanging', 'rejecting'],
  pauses: {} as Partial<Record<RmaStatus, readonly TargetName[]>>,
});

/** The outcome an inspected RMA moves to. */
export const OUTCOME_STATUS: Record<RmaOutcome, RmaStatus> = { refund: 'refunded', exchange: 'exchanging', reject: 'rejecting' };
