import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';
import { AppError } from '../shared/errors';

// 争议生命周期 dispute lifecycle (RULES.md "Disputes", 000 §争议处理): negotiation led by customer
// service first, then third-party mediation by a published mediation body, then arbitration or
// litigation per the contract. Every stage is recorded with its outcome before the next starts.
export const DISPUTE_STATUSES = [
  'negotiation', // 协商
  'mediation', // 调解
  'arbitration', // 仲裁
  'litigation', // 诉讼
  'concluded', // 已结案
  'withdrawn', // 已撤回
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export type DisputeStage = 'negotiation' | 'mediation' | 'arbitration' | 'litigation';
export const DISPUTE_STAGES: readonly DisputeStage[] = ['negotiation', 'mediation', 'arbitration', 'litigation'];

export interface DisputeTransitionContext extends TransitionContext {
  /** The current stage's outcome is recorded. */
  stageOutcome?: string | null;
  /** Moving to mediation / arbitration / litigation: the body that takes it. */
  body?: string | null;
}

/** Refuses to leave a stage whose outcome is not recorded (000: each stage recorded with its outcome). */
export const requiresStageOutcome: Guard<DisputeTransitionContext> = (ctx, { from }) =>
  ctx.stageOutcome?.trim()
    ? null
    : new AppError('validation_failed', {
        message: `record the outcome of ${from} first`,
        userMessage: { zh: '请先记录本阶段的结果', en: 'Record the outcome of this stage first' },
        issues: [{ path: 'outcome', code: 'required', message: 'The stage outcome is required' }],
      });

/** Refuses mediation, arbitration or litigation without the body that takes the case. */
export const requiresBody: Guard<DisputeTransitionContext> = (ctx, { to }) =>
  ctx.body?.trim()
    ? null
    : new AppError('validation_failed', {
        message: `${to} needs its body`,
        userMessage: { zh: '请选择或填写受理机构', en: 'Name the body that takes the case' },
        issues: [{ path: 'body', code: 'required', message: 'The body is required' }],
      });

const next = { requiresStageOutcome: true, requiresBody: true } as const;
const end = { requiresStageOutcome: true } as const;

export const DISPUTE_LIFECYCLE = defineLifecycle({
  subject: 'dispute',
  noun: { zh: '争议', en: 'A dispute' },
  statuses: DISPUTE_STATUSES,
  labels: {
    negotiation: { zh: '协商', en: 'Negotiation' },
    mediation: { zh: '调解', en: 'Mediation' },
    arbitration: { zh: '仲裁', en: 'Arbitration' },
    litigation: { zh: '诉讼', en: 'Litigation' },
    concluded: { zh: '已结案', en: 'Concluded' },
    withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  },
  transitions: {
    negotiation: { mediation: next, concluded: end, withdrawn: { requiresReason: true } },
    mediation: { arbitration: next, litigation: next, concluded: end, withdrawn: { requiresReason: true } },
    arbitration: { concluded: end, withdrawn: { requiresReason: true } },
    litigation: { concluded: end, withdrawn: { requiresReason: true } },
    concluded: {},
    withdrawn: {},
  },
  guards: { requiresReason, requiresStageOutcome, requiresBody } as Record<
    'requiresReason' | 'requiresStageOutcome' | 'requiresBody',
    Guard<DisputeTransitionContext>
  >,
  open: ['negotiation', 'mediation', 'arbitration', 'litigation'],
});
