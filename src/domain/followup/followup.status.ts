import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';
import { AppError } from '../shared/errors';
import type { Role } from '../identity/roles';
import { FOLLOWUP_CLOSERS } from './followup.roles';

// 回访任务生命周期 follow-up task lifecycle (RULES.md "Follow-up and satisfaction", 004 §二(五), 003, 000).
// A routine follow-up (常规回访) is created when a ticket is resolved; a rating below 4 opens a
// dedicated follow-up (专项回访), which stays open until the customer is satisfied or a manager
// closes it with a reason (003: unsatisfied customers are visited again until satisfied).
export const FOLLOWUP_STATUSES = [
  'pending', // 待回访
  'completed', // 已完成 (the customer answered; a routine one may have opened a dedicated follow-up)
  'closed', // 经理关闭 (dedicated follow-up closed by a manager with a reason)
  'cancelled', // 已取消 (the ticket was reopened: its follow-up is no longer due)
] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

export const FOLLOWUP_KINDS = ['routine', 'special'] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];
export const FOLLOWUP_KIND_LABELS: Record<FollowupKind, { zh: string; en: string }> = {
  routine: { zh: '常规回访', en: 'Routine follow-up' },
  special: { zh: '专项回访', en: 'Dedicated follow-up' },
};

export interface FollowupTransitionContext extends TransitionContext {
  kind?: FollowupKind;
  actorRole?: string;
}

/** Refuses a manager's closing of anything but a dedicated follow-up, and by anyone but a manager. */
export const refusesCloseUnlessManagerOnSpecial: Guard<FollowupTransitionContext> = (ctx) => {
  if (ctx.kind !== 'special')
    return new AppError('conflict', {
      message: 'only a dedicated follow-up is closed by a manager',
      userMessage: { zh: '只有专项回访可由经理关闭', en: 'Only a dedicated follow-up can be closed by a manager' },
    });
  if (!FOLLOWUP_CLOSERS.includes(ctx.actorRole as Role))
    return new AppError('forbidden', {
      message: 'closing a dedicated follow-up needs a manager',
      userMessage: { zh: '专项回访只能由售后经理关闭', en: 'Only a service manager may close a dedicated follow-up' },
    });
  return null;
};

export const FOLLOWUP_LIFECYCLE = defineLifecycle({
  subject: 'followup',
  noun: { zh: '回访任务', en: 'A follow-up' },
  statuses: FOLLOWUP_STATUSES,
  labels: {
    pending: { zh: '待回访', en: 'Pending' },
    completed: { zh: '已完成', en: 'Completed' },
    closed: { zh: '经理关闭', en: 'Closed by manager' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  },
  transitions: {
    pending: { completed: {}, closed: { requiresReason: true, refusesCloseUnlessManagerOnSpecial: true }, cancelled: { requiresReason: true } },
    completed: {},
    closed: {},
    cancelled: {},
  },
  guards: { requiresReason, refusesCloseUnlessManagerOnSpecial } as Record<
    'requiresReason' | 'refusesCloseUnlessManagerOnSpecial',
    Guard<FollowupTransitionContext>
  >,
  open: ['pending'],
});
