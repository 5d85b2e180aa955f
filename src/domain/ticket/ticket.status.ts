import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';
import { AppError } from '../shared/errors';
import type { TargetName } from '../sla/targets';

// 工单生命周期 ticket lifecycle, the first user of defineLifecycle(). The server enforces this table and
// the web app reads it to enable buttons. Later capabilities (repairs, returns …) define lifecycles of
// their own rather than growing this table: a ticket stays `in_progress` while a repair order runs its
// own lifecycle.
export const TICKET_STATUSES = [
  'received', // 已受理
  'graded', // 已分级
  'in_progress', // 处理中
  'waiting_customer', // 待客户反馈
  'waiting_parts', // 待备件
  'resolved', // 已解决
  'followed_up', // 已回访
  'closed', // 已归档
  'cancelled', // 已取消
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

// Repair time (修复时间) excludes waiting for spare parts (001 §三.7; 三包 rules also exclude it from
// the validity period); waiting for the customer is time the provider cannot act, so resolution
// clocks stop too. Response/acknowledge/contact clocks never pause: they measure how fast we reach
// the customer.
const PAUSES: Partial<Record<TicketStatus, readonly TargetName[]>> = {
  waiting_customer: ['resolution', 'complaintResolution', 'complaintResolutionComplex'], // 待客户反馈
  waiting_parts: ['resolution'], // 待备件
};

// Solution types of 004 §二(四) (RULES.md "Technical handling"): 维修 / 更换 / 退货退款 / 咨询培训.
export const SOLUTION_TYPES = ['repair', 'replace', 'return_refund', 'consultation_training'] as const;
export type SolutionType = (typeof SOLUTION_TYPES)[number];
export const SOLUTION_LABELS: Record<SolutionType, { zh: string; en: string }> = {
  repair: { zh: '维修', en: 'Repair' },
  replace: { zh: '更换', en: 'Replace' },
  return_refund: { zh: '退货/退款', en: 'Return or refund' },
  consultation_training: { zh: '咨询/培训', en: 'Consultation or training' },
};

/** What a ticket's guards see: besides the reason, what was done (resolving) and which part is awaited. */
export interface TicketTransitionContext extends TransitionContext {
  resolution?: { solutionType: SolutionType; summary: string } | null;
  part?: { name: string; quantity?: number | null } | null;
  /** The follow-up task (回访任务) that brought the ticket to 已回访; set only by followTicketUp(). */
  followupTaskId?: string | null;
}

/** Refuses to resolve without what was done: the solution type and a short summary (004 §二(四)). */
export const requiresResolution: Guard<TicketTransitionContext> = (ctx, { from, to }) =>
  ctx.resolution?.solutionType && ctx.resolution.summary?.trim()
    ? null
    : new AppError('validation_failed', {
        message: `moving from ${from} to ${to} needs a solution type and a summary`,
        userMessage: { zh: '请填写解决方式和处理摘要', en: 'Say what was done: the solution type and a short summary' },
        issues: [{ path: 'resolution', code: 'required', message: 'A solution type and a summary are required' }],
      });

/** Refuses to wait for parts without naming the part, so logistics knows what to send. */
export const requiresPart: Guard<TicketTransitionContext> = (ctx, { from, to }) =>
  ctx.part?.name?.trim()
    ? null
    : new AppError('validation_failed', {
        message: `moving from ${from} to ${to} needs the part awaited`,
        userMessage: { zh: '请填写所等待的备件', en: 'Name the part being waited for' },
        issues: [{ path: 'part', code: 'required', message: 'The part is required' }],
      });

/**
 * Refuses 已回访 without a follow-up task: the ticket gets there only when its 回访 is done (the
 * customer rated ≥ 4, or a manager closed the dedicated follow-up), RULES.md "Follow-up and
 * satisfaction" (004 §二(五), 003). The follow-up module moves it; a bare status change cannot.
 */
export const requiresFollowupTask: Guard<TicketTransitionContext> = (ctx, { from, to }) =>
  ctx.followupTaskId
    ? null
    : new AppError('conflict', {
        message: `moving from ${from} to ${to} happens only through a completed follow-up task`,
        userMessage: {
          zh: '工单只能通过回访任务变为已回访：请在回访任务中记录回访结果（RULES.md 回访与评价，004 §二(五)）',
          en: 'A ticket becomes followed up only through its follow-up task: record the call on the task (RULES.md Follow-up and satisfaction, 004 §2(5))',
        },
        details: { from, to },
      });

const cancel = { requiresReason: true } as const;
const resolve = { requiresResolution: true } as const;
const parts = { requiresPart: true } as const;
const reopen = { requiresReason: true } as const;

export const TICKET_LIFECYCLE = defineLifecycle({
  subject: 'ticket',
  noun: { zh: '工单', en: 'A ticket' },
  statuses: TICKET_STATUSES,
  labels: {
    received: { zh: '已受理', en: 'Received' },
    graded: { zh: '已分级', en: 'Graded' },
    in_progress: { zh: '处理中', en: 'In progress' },
    waiting_customer: { zh: '待客户反馈', en: 'Waiting for customer' },
    waiting_parts: { zh: '待备件', en: 'Waiting for parts' },
    resolved: { zh: '已解决', en: 'Resolved' },
    followed_up: { zh: '已回访', en: 'Followed up' },
    closed: { zh: '已归档', en: 'Closed' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  },
  transitions: {
    received: { graded: {}, in_progress: {}, cancelled: cancel },
    graded: { in_progress: {}, cancelled: cancel },
    in_progress: { waiting_customer: {}, waiting_parts: parts, resolved: resolve, cancelled: cancel },
    waiting_customer: { in_progress: {}, resolved: resolve, cancelled: cancel },
    waiting_parts: { in_progress: {}, cancelled: cancel },
    resolved: { followed_up: { requiresFollowupTask: true }, closed: {}, in_progress: reopen },
    followed_up: { closed: {}, in_progress: reopen },
    closed: {},
    cancelled: {},
  },
  guards: { requiresReason, requiresResolution, requiresPart, requiresFollowupTask } as Record<
    'requiresReason' | 'requiresResolution' | 'requiresPart' | 'requiresFollowupTask',
    Guard<TicketTransitionContext>
  >,
  // The open queue. Resolved and followed-up tickets are neither open nor terminal: they await
  // follow-up and archiving, and may be reopened.
  open: ['received', 'graded', 'in_progress', 'waiting_customer', 'waiting_parts'],
  pauses: PAUSES,
});

// The names the server, the web app and the SLA domain used before the lifecycle was data.
export const STATUS_LABELS = TICKET_LIFECYCLE.labels;
export const TRANSITIONS = TICKET_LIFECYCLE.transitions;
/** Statuses in which the ticket still needs work (open queue). */
export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_LIFECYCLE.openStatuses;

export function allowedTransitions(from: TicketStatus): TicketStatus[] {
  return TICKET_LIFECYCLE.allowedMoves(from);
}

export function isReopen(from: TicketStatus, to: TicketStatus): boolean {
  return (from === 'resolved' || from === 'followed_up') && to === 'in_progress';
}

export function assertTransition(from: TicketStatus, to: TicketStatus, reason?: string | null, more: Omit<TicketTransitionContext, 'reason'> = {}): void {
  TICKET_LIFECYCLE.assertTransition(from, to, { reason, ...more });
}
