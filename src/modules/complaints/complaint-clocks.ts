import type { TxContext } from '../../context';
import type { ComplaintGrade } from '../../domain/complaint';
import { resolutionTargetOf } from '../../domain/complaint';
import type { TargetName, TargetSpec } from '../../domain/sla';
import { hours, workingDays } from '../../domain/sla/presets.documents';
import { cancelClocks, clocksOfSubject, startClock, stopClocks } from '../sla/subject-clocks';
import { COMPLAINT_SUBJECT } from './complaints.sla-subject';
import type { ComplaintRow } from './complaints.tables';

// The complaint's clocks (000 §投诉处理): contact within 1 h; resolved within 3 wd (general) or 7 wd
// (complex); follow-up within 3 wd after handling. The contact and resolution promises come from the
// SLA policy (complaint rows of the presets, contract overrides); the follow-up is 000's 3 wd.

const key = (id: string) => ({ subjectType: COMPLAINT_SUBJECT, subjectId: id });

/** RULES.md "Complaints" when the policy in force has no complaint row. */
const FALLBACK: Partial<Record<TargetName, TargetSpec>> = {
  complaintContact: hours(1),
  complaintResolution: workingDays(3),
  complaintResolutionComplex: workingDays(7),
};
/** 000 §投诉处理: follow up within 3 working days after handling. */
export const COMPLAINT_FOLLOWUP_SPEC: TargetSpec = workingDays(3);

export async function startComplaintClock(ctx: TxContext, c: ComplaintRow, target: TargetName, at: Date): Promise<void> {
  if (target === 'followUp') {
    await startClock(ctx.tx, ctx, { ...key(c.id), target, startedAt: at, spec: COMPLAINT_FOLLOWUP_SPEC });
    return;
  }
  const terms = { policyId: null, requestType: 'complaint' as const, priority: 'general' as const, customerId: c.customerId, at };
  if (await startClock(ctx.tx, ctx, { ...key(c.id), target, startedAt: at, terms })) return;
  await startClock(ctx.tx, ctx, { ...key(c.id), target, startedAt: at, spec: FALLBACK[target]! });
}

export const stopComplaintClocks = (ctx: TxContext, id: string, targets: TargetName[] | 'all', at: Date) =>
  stopClocks(ctx.tx, ctx, { ...key(id), targets, at });
export const cancelComplaintClocks = (ctx: TxContext, id: string, targets: TargetName[] | 'all', at: Date) =>
  cancelClocks(ctx.tx, ctx, { ...key(id), targets, at });
export const complaintClocks = (db: Parameters<typeof clocksOfSubject>[0], id: string) => clocksOfSubject(db, COMPLAINT_SUBJECT, id);

/**
 * Grading switches the resolution clock to the grade's target, counted from the same start (receipt,
 * or the reassessment of a new round): a complaint judged complex has 7 wd from when it came in.
 */
export async function switchResolutionClock(ctx: TxContext, c: ComplaintRow, grade: ComplaintGrade, roundStart: Date, at: Date): Promise<void> {
  const target = resolutionTargetOf(grade);
  const open = (await complaintClocks(ctx.tx, c.id)).filter((r) => r.status === 'running' || r.status === 'paused');
  if (open.some((r) => r.target === target)) return;
  await cancelComplaintClocks(ctx, c.id, ['complaintResolution', 'complaintResolutionComplex'], at);
  await startComplaintClock(ctx, c, target, roundStart);
}
