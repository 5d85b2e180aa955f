import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';
import { AppError } from '../shared/errors';
import type { TargetName } from '../sla/targets';

// 维修单生命周期 repair-order lifecycle. A ticket stays `in_progress` while each of its repair orders runs
// this table (ticket.status.ts). The repair plan and its fee must be agreed by the customer before
// repair starts (RULES.md "Technical handling": 001 §5.2.4, 002 §8.4.1, 003 §五), so no move reaches
// 维修中 except from 已确认; a quote changed after approval goes back to 待客户确认.
export const REPAIR_STATUSES = [
  'diagnosing', // 诊断中
  'awaiting_approval', // 待客户确认 (plan and quote disclosed)
  'approved', // 客户已确认
  'declined', // 客户拒绝 (ends the repair, with a record)
  'in_repair', // 维修中
  'waiting_parts', // 待备件 (excluded from 修复时间)
  'testing', // 测试中
  'handed_over', // 已交付
  'failed', // 未修复 (test failed for good; counts towards 三包 exchange/return)
  'cancelled', // 已取消
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/** What the repair guards see (besides the reason): the quote and approval state under the row lock. */
export interface RepairTransitionContext extends TransitionContext {
  /** The diagnosis is recorded (fault category and cause). */
  diagnosed?: boolean;
  /** Number of lines of the current quote. */
  quoteLines?: number;
  /** The current quote version and the version the customer approved (null: none). */
  quoteVersion?: number;
  approvedQuoteVersion?: number | null;
  /** The part awaited, when moving to 待备件. */
  part?: string | null;
  /** Test result recorded before hand-over. */
  testPassed?: boolean | null;
}

/** Refuses to quote a repair that has no diagnosis or an empty quote. */
export const refusesQuoteWithoutDiagnosis: Guard<RepairTransitionContext> = (ctx) => {
  if (!ctx.diagnosed)
    return new AppError('validation_failed', {
      message: 'diagnose the repair before quoting it',
      userMessage: { zh: '请先填写诊断（故障类别和原因）', en: 'Record the diagnosis (fault category and cause) first' },
      issues: [{ path: 'diagnosis', code: 'required', message: 'A diagnosis is required' }],
    });
  if (!ctx.quoteLines)
    return new AppError('validation_failed', {
      message: 'the quote has no lines',
      userMessage: { zh: '维修方案没有任何项目', en: 'The quote has no lines' },
      issues: [{ path: 'lines', code: 'required', message: 'At least one line is required' }],
    });
  return null;
};

/**
 * Refuses to mark approved unless the customer's approval covers the current quote: a quote changed
 * after approval needs approval again (RULES.md Fees: every fee item disclosed and confirmed before
 * service, 002 §8.4).
 */
export const refusesUnapprovedQuote: Guard<RepairTransitionContext> = (ctx) =>
  ctx.approvedQuoteVersion != null && ctx.approvedQuoteVersion === ctx.quoteVersion
    ? null
    : new AppError('conflict', {
        message: 'the customer has not approved the current quote',
        userMessage: { zh: '客户尚未确认当前维修方案和报价', en: 'The customer has not approved the current quote' },
        details: { quoteVersion: ctx.quoteVersion ?? null, approvedQuoteVersion: ctx.approvedQuoteVersion ?? null },
      });

/** Refuses 待备件 without naming the part (logistics needs to know what to send). */
export const refusesWaitWithoutPart: Guard<RepairTransitionContext> = (ctx) =>
  ctx.part?.trim()
    ? null
    : new AppError('validation_failed', {
        message: 'waiting for parts needs the part',
        userMessage: { zh: '请填写所等待的备件', en: 'Name the part being waited for' },
        issues: [{ path: 'part', code: 'required', message: 'The part is required' }],
      });

/** Refuses hand-over before a passed test (on-site work ends with a test: 003, 004). */
export const refusesHandOverUntested: Guard<RepairTransitionContext> = (ctx) =>
  ctx.testPassed
    ? null
    : new AppError('conflict', {
        message: 'hand-over needs a passed test',
        userMessage: { zh: '测试通过后才能交付', en: 'Hand over only after a passed test' },
      });

const GUARDS = { requiresReason, refusesQuoteWithoutDiagnosis, refusesUnapprovedQuote, refusesWaitWithoutPart, refusesHandOverUntested } as Record<
  'requiresReason' | 'refusesQuoteWithoutDiagnosis' | 'refusesUnapprovedQuote' | 'refusesWaitWithoutPart' | 'refusesHandOverUntested',
  Guard<RepairTransitionContext>
>;

const cancel = { requiresReason: true } as const;
const requote = {} as const; // the quote changed: back to the customer (the use case clears the approval)

export const REPAIR_LIFECYCLE = defineLifecycle({
  subject: 'repair_order',
  noun: { zh: '维修单', en: 'A repair order' },
  statuses: REPAIR_STATUSES,
  labels: {
    diagnosing: { zh: '诊断中', en: 'Diagnosing' },
    awaiting_approval: { zh: '待客户确认', en: 'Awaiting approval' },
    approved: { zh: '客户已确认', en: 'Approved' },
    declined: { zh: '客户拒绝', en: 'Declined' },
    in_repair: { zh: '维修中', en: 'In repair' },
    waiting_parts: { zh: '待备件', en: 'Waiting for parts' },
    testing: { zh: '测试中', en: 'Testing' },
    handed_over: { zh: '已交付', en: 'Handed over' },
    failed: { zh: '未修复', en: 'Not fixed' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  },
  transitions: {
    diagnosing: { awaiting_approval: { refusesQuoteWithoutDiagnosis: true }, cancelled: cancel },
    awaiting_approval: { approved: { refusesUnapprovedQuote: true }, declined: {}, cancelled: cancel },
    approved: { in_repair: {}, awaiting_approval: requote, cancelled: cancel },
    in_repair: { waiting_parts: { refusesWaitWithoutPart: true }, testing: {}, awaiting_approval: requote },
    waiting_parts: { in_repair: {}, awaiting_approval: requote },
    testing: { handed_over: { refusesHandOverUntested: true }, in_repair: {}, failed: { requiresReason: true } },
    declined: {},
    handed_over: {},
    failed: {},
    cancelled: {},
  },
  guards: GUARDS,
  open: ['diagnosing', 'awaiting_approval', 'approved', 'in_repair', 'waiting_parts', 'testing'],
  // 待备件 pauses nothing of the SLA: 修复时间 is measured per repair (repair-time.ts), not a promise.
  pauses: {} as Partial<Record<RepairStatus, readonly TargetName[]>>,
});

/** Statuses in which work on the unit is under way (the customer approved the current quote). */
export const WORK_STATUSES: readonly RepairStatus[] = ['in_repair', 'waiting_parts', 'testing'];
/** A quote may be edited in these statuses; after approval an edit sends it back for approval. */
export const QUOTE_EDITABLE: readonly RepairStatus[] = ['diagnosing', 'awaiting_approval', 'approved', 'in_repair', 'waiting_parts'];
