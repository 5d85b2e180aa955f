import { AppError } from '../shared/errors';

// 工单生命周期 ticket lifecycle. The server enforces this table and the web app reads it to enable
// buttons. Later capabilities (repairs, returns …) add sub-states of their own in their modules rather
// than growing this table: a ticket stays `in_progress` while a repair order runs its own lifecycle.
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

export const STATUS_LABELS: Record<TicketStatus, { zh: string; en: string }> = {
  received: { zh: '已受理', en: 'Received' },
  graded: { zh: '已分级', en: 'Graded' },
  in_progress: { zh: '处理中', en: 'In progress' },
  waiting_customer: { zh: '待客户反馈', en: 'Waiting for customer' },
  waiting_parts: { zh: '待备件', en: 'Waiting for parts' },
  resolved: { zh: '已解决', en: 'Resolved' },
  followed_up: { zh: '已回访', en: 'Followed up' },
  closed: { zh: '已归档', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export interface TransitionRule {
  /** The move needs a non-empty reason (cancel, reopen). */
  requiresReason?: boolean;
}

export const TRANSITIONS: Record<TicketStatus, Partial<Record<TicketStatus, TransitionRule>>> = {
  received: { graded: {}, in_progress: {}, cancelled: { requiresReason: true } },
  graded: { in_progress: {}, cancelled: { requiresReason: true } },
  in_progress: {
    waiting_customer: {},
    waiting_parts: {},
    resolved: {},
    cancelled: { requiresReason: true },
  },
  waiting_customer: { in_progress: {}, resolved: {}, cancelled: { requiresReason: true } },
  waiting_parts: { in_progress: {}, cancelled: { requiresReason: true } },
  resolved: { followed_up: {}, closed: {}, in_progress: { requiresReason: true } },
  followed_up: { closed: {}, in_progress: { requiresReason: true } },
  closed: {},
  cancelled: {},
};

/** Statuses in which the ticket still needs work (open queue). */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'received',
  'graded',
  'in_progress',
  'waiting_customer',
  'waiting_parts',
];

export function allowedTransitions(from: TicketStatus): TicketStatus[] {
  return Object.keys(TRANSITIONS[from]) as TicketStatus[];
}

export function isReopen(from: TicketStatus, to: TicketStatus): boolean {
  return (from === 'resolved' || from === 'followed_up') && to === 'in_progress';
}

export function assertTransition(from: TicketStatus, to: TicketStatus, reason?: string | null): void {
  const rule = TRANSITIONS[from][to];
  const allowed = allowedTransitions(from);
  if (!rule) {
    throw new AppError('illegal_transition', {
      message: `ticket cannot move from ${from} to ${to}`,
      userMessage: {
        zh: `工单不能从「${STATUS_LABELS[from].zh}」变为「${STATUS_LABELS[to].zh}」，允许：${
          allowed.map((s) => STATUS_LABELS[s].zh).join('、') || '无'
        }`,
        en: `A ticket cannot move from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none'}`,
      },
      details: { from, to, allowed },
    });
  }
  if (rule.requiresReason && !reason?.trim()) {
    throw new AppError('validation_failed', {
      message: `moving from ${from} to ${to} needs a reason`,
      userMessage: { zh: '此操作需要填写原因', en: 'This change needs a reason' },
      issues: [{ path: 'reason', code: 'required', message: 'A reason is required' }],
    });
  }
}
