import { defineLifecycle, requiresReason, type TransitionContext } from '../lifecycle';
import type { Guard } from '../lifecycle';
import { AppError } from '../shared/errors';
import { hours } from '../sla/presets.documents';
import type { TargetName, TargetSpec } from '../sla/targets';

// 批量性故障 / 安全事件 Emergency incidents (004 §四(五), 003 §七, 000): N tickets on the same model (and
// batch when known) with the same fault category within a window, or one safety event, start the
// emergency group (after-sales, R&D, legal), which owes a handling plan within 24 h.

export interface BatchPolicy {
  /** Tickets in the window that make a batch failure (default 3). */
  threshold: number;
  /** The window, in days back from the newest ticket (default 7). */
  windowDays: number;
}
export const DEFAULT_BATCH_POLICY: BatchPolicy = { threshold: 3, windowDays: 7 };

/** The handling plan's promise: 24 h on the clock (7×24), a clock on the incident. */
export const EMERGENCY_PLAN_TARGET: TargetName = 'emergencyPlan';
export const EMERGENCY_PLAN_SPEC: TargetSpec = hours(24);

/**
 * The tickets of one group (same model, batch, fault) that make a batch failure: the first window of
 * `windowDays` (receipt times, oldest first) holding at least `threshold` tickets, with every ticket
 * of the group inside that window; null when no window holds enough.
 */
export function batchWindow<T extends { receivedAt: Date }>(tickets: readonly T[], policy: BatchPolicy = DEFAULT_BATCH_POLICY): T[] | null {
  const sorted = [...tickets].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const span = policy.windowDays * 86_400_000;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    // The window is (newest − span, newest]: exactly 7 days apart is outside it.
    while (sorted[to]!.receivedAt.getTime() - sorted[from]!.receivedAt.getTime() >= span) from++;
    if (to - from + 1 >= policy.threshold) {
      let end = to;
      while (end + 1 < sorted.length && sorted[end + 1]!.receivedAt.getTime() - sorted[from]!.receivedAt.getTime() < span) end++;
      return sorted.slice(from, end + 1);
    }
  }
  return null;
}

/** The group a ticket's fault belongs to: by batch when the unit's batch is known, else by model alone. */
export function batchGroupKey(g: { productModelId: string; batch: string | null; faultCategory: string }): string {
  return `batch:${g.productModelId}:${g.batch ?? ''}:${g.faultCategory}`;
}

export const INCIDENT_KINDS = ['batch_failure', 'safety_event'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_STATUSES = [
  'open', // 应急处置中: the plan is due
  'plan_submitted', // 处理方案已出具
  'closed', // 已结案
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface IncidentTransitionContext extends TransitionContext {
  plan?: string | null;
}

/** Refuses to record a plan without its text. */
export const requiresPlan: Guard<IncidentTransitionContext> = (ctx) =>
  ctx.plan?.trim()
    ? null
    : new AppError('validation_failed', {
        message: 'a handling plan needs its text',
        userMessage: { zh: '请填写处理方案', en: 'Write the handling plan' },
        issues: [{ path: 'plan', code: 'required', message: 'The plan is required' }],
      });

export const INCIDENT_LIFECYCLE = defineLifecycle({
  subject: 'incident',
  noun: { zh: '应急事件', en: 'An incident' },
  statuses: INCIDENT_STATUSES,
  labels: {
    open: { zh: '应急处置中', en: 'Plan due' },
    plan_submitted: { zh: '方案已出具', en: 'Plan submitted' },
    closed: { zh: '已结案', en: 'Closed' },
  },
  transitions: {
    open: { plan_submitted: { requiresPlan: true }, closed: { requiresReason: true } },
    plan_submitted: { closed: {} },
    closed: {},
  },
  guards: { requiresPlan, requiresReason } as Record<'requiresPlan' | 'requiresReason', Guard<IncidentTransitionContext>>,
  open: ['open', 'plan_submitted'],
});
