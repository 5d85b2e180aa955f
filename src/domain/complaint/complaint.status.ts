import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';
import { AppError } from '../shared/errors';
import type { TargetName } from '../sla/targets';

// 投诉生命周期 complaint lifecycle (RULES.md "Complaints", 000 §投诉处理 after GB/T 17242, 003):
// record → contact the customer within 1 h telling the process and expected time → grade general /
// complex with a reason (resolved within 3 / 7 working days) → handled → follow-up within 3 working
// days → satisfied; not satisfied: reassessed and handled again. A complaint that cannot be settled
// is escalated into a dispute (RULES.md "Disputes", 000 §争议处理).
export const COMPLAINT_STATUSES = [
  'received', // 已登记
  'contacted', // 已联系客户 (process and expected time told)
  'handling', // 处理中 (graded)
  'handled', // 已处理，待回访
  'satisfied', // 客户满意，已结案
  'escalated', // 已转争议
  'withdrawn', // 客户撤诉
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_GRADES = ['general', 'complex'] as const;
export type ComplaintGrade = (typeof COMPLAINT_GRADES)[number];
export const COMPLAINT_GRADE_LABELS: Record<ComplaintGrade, { zh: string; en: string }> = {
  general: { zh: '一般投诉', en: 'General' },
  complex: { zh: '复杂投诉', en: 'Complex' },
};

export interface ComplaintTransitionContext extends TransitionContext {
  grade?: ComplaintGrade | null;
  gradeReason?: string | null;
  /** What was done, when moving to 已处理. */
  handlingSummary?: string | null;
  /** What the customer was told when contacted (process and expected time). */
  contactNote?: string | null;
}

const issue = (path: string, zh: string, en: string) =>
  new AppError('validation_failed', { message: en, userMessage: { zh, en }, issues: [{ path, code: 'required', message: en }] });

/** Refuses a contact record that does not say what the customer was told (000: process and expected time). */
export const requiresContactNote: Guard<ComplaintTransitionContext> = (ctx) =>
  ctx.contactNote?.trim()
    ? null
    : issue('contactNote', '请填写告知客户的处理流程和预计时间', 'Say what the customer was told: the process and the expected time');

/** Refuses to start handling without a grade and the reason for it. */
export const requiresGrade: Guard<ComplaintTransitionContext> = (ctx) =>
  ctx.grade && ctx.gradeReason?.trim() ? null : issue('grade', '请选择投诉等级并填写定级理由', 'Choose the grade and give the reason');

/** Refuses 已处理 without what was done. */
export const requiresHandlingSummary: Guard<ComplaintTransitionContext> = (ctx) =>
  ctx.handlingSummary?.trim() ? null : issue('handlingSummary', '请填写处理结果', 'Say how the complaint was handled');

export const COMPLAINT_LIFECYCLE = defineLifecycle({
  subject: 'complaint',
  noun: { zh: '投诉', en: 'A complaint' },
  statuses: COMPLAINT_STATUSES,
  labels: {
    received: { zh: '已登记', en: 'Received' },
    contacted: { zh: '已联系客户', en: 'Customer contacted' },
    handling: { zh: '处理中', en: 'Handling' },
    handled: { zh: '已处理待回访', en: 'Handled, follow-up due' },
    satisfied: { zh: '客户满意已结案', en: 'Satisfied, closed' },
    escalated: { zh: '已转争议', en: 'Escalated to a dispute' },
    withdrawn: { zh: '客户撤诉', en: 'Withdrawn' },
  },
  transitions: {
    // A customer who goes to mediation or court at once (or contests an RMA's outcome) escalates a
    // complaint that was never contacted: its clocks end with it.
    received: { contacted: { requiresContactNote: true }, escalated: { requiresReason: true }, withdrawn: { requiresReason: true } },
    contacted: { handling: { requiresGrade: true }, escalated: { requiresReason: true }, withdrawn: { requiresReason: true } },
    handling: { handled: { requiresHandlingSummary: true }, escalated: { requiresReason: true }, withdrawn: { requiresReason: true } },
    // 回访: satisfied closes; not satisfied is reassessed and handled again (reason: what the customer said).
    handled: { satisfied: {}, handling: { requiresReason: true }, escalated: { requiresReason: true } },
    satisfied: {},
    escalated: {},
    withdrawn: {},
  },
  guards: { requiresReason, requiresContactNote, requiresGrade, requiresHandlingSummary } as Record<
    'requiresReason' | 'requiresContactNote' | 'requiresGrade' | 'requiresHandlingSummary',
    Guard<ComplaintTransitionContext>
  >,
  open: ['received', 'contacted', 'handling', 'handled'],
  pauses: {} as Partial<Record<ComplaintStatus, readonly TargetName[]>>,
});

/** The resolution target of a grade: 3 wd general, 7 wd complex (000 §投诉处理). */
export const resolutionTargetOf = (grade: ComplaintGrade): TargetName => (grade === 'complex' ? 'complaintResolutionComplex' : 'complaintResolution');
