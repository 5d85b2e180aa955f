import { z } from 'zod';
import { defineLifecycle, requiresReason, type Guard, type TransitionContext } from '../lifecycle';

// 质量反馈 Quality feedback to production (RULES.md Records, data and improvement; 003 §四): after-sales
// reports a product defect — symptom, frequency, scope, affected units, evidence — production answers
// with an improvement plan and a fix date, and after-sales tracks its effect: the fault rate of each
// batch before and after the fix date. One transition table.
export const FEEDBACK_STATUSES = [
  'draft', // 草稿
  'sent', // 已发送生产
  'planned', // 已收到改进方案
  'verified', // 已验证效果（结案）
  'withdrawn', // 已撤回
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

const GUARDS = { requiresReason } as Record<'requiresReason', Guard<TransitionContext>>;

export const FEEDBACK_LIFECYCLE = defineLifecycle({
  subject: 'quality_feedback',
  noun: { zh: '质量反馈', en: 'A quality feedback' },
  statuses: FEEDBACK_STATUSES,
  labels: {
    draft: { zh: '草稿', en: 'Draft' },
    sent: { zh: '已发送生产', en: 'Sent to production' },
    planned: { zh: '已收到改进方案', en: 'Plan received' },
    verified: { zh: '已验证效果', en: 'Effect verified' },
    withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  },
  transitions: {
    draft: { sent: {}, withdrawn: { requiresReason: true } },
    // `planned` is reached by recording production's plan (recordPlan), never by a bare move.
    sent: { planned: {}, withdrawn: { requiresReason: true } },
    planned: { verified: {}, sent: { requiresReason: true } },
    verified: {},
    withdrawn: {},
  },
  guards: GUARDS,
  open: ['draft', 'sent', 'planned'],
});

const text = (max: number) => z.string().trim().min(1).max(max);
export const feedbackCreateSchema = z.object({
  symptom: text(5000), // 故障现象
  frequency: text(1000), // 发生频次
  scope: text(2000), // 影响范围
  affectedUnits: z.number().int().min(0).max(10_000_000), // 涉及台数
  evidence: z.string().trim().max(10000).default(''), // 证据（工单、照片、检测报告）
});
export const feedbackPlanSchema = z.object({
  plan: text(10000), // 改进方案
  fixDate: z.iso.date(), // 改进生效日期 (production's fix date, local date)
});
export const feedbackMoveSchema = z.object({
  to: z.enum(['sent', 'verified', 'withdrawn']),
  reason: z.string().trim().max(2000).optional(),
});

/** Fault tickets of one batch in the windows before and after the fix date, and its known units. */
export interface BatchFaultCounts {
  batch: string;
  units: number;
  before: number;
  after: number;
}

export interface BatchEffect extends BatchFaultCounts {
  /** Faults per unit in each window (null: no units known for the batch). */
  rateBefore: number | null;
  rateAfter: number | null;
}

/**
 * 效果跟踪 The fault rate of each batch before and after the fix date: fault tickets of the incident's
 * model and fault category received in equal windows either side of the fix date, per known unit.
 * `improved` compares all batches together (a batch first made after the fix has no "before").
 */
export function fixEffect(rows: readonly BatchFaultCounts[]): {
  batches: BatchEffect[];
  rateBefore: number | null;
  rateAfter: number | null;
  improved: boolean | null;
} {
  const rate = (n: number, units: number) => (units > 0 ? n / units : null);
  const batches = [...rows]
    .sort((a, b) => a.batch.localeCompare(b.batch))
    .map((r) => ({ ...r, rateBefore: rate(r.before, r.units), rateAfter: rate(r.after, r.units) }));
  const units = rows.reduce((s, r) => s + r.units, 0);
  const before = rows.reduce((s, r) => s + r.before, 0);
  const after = rows.reduce((s, r) => s + r.after, 0);
  const rateBefore = rate(before, units);
  const rateAfter = rate(after, units);
  return { batches, rateBefore, rateAfter, improved: rateBefore === null || rateAfter === null ? null : rateAfter < rateBefore };
}

/** The windows compared: as many days after the fix date as have passed (at most 90), the same before. */
export function effectWindows(fixDate: string, today: string, maxDays = 90): { beforeFrom: string; fixDate: string; afterTo: string; days: number } {
  const day = 86_400_000;
  const fix = Date.parse(`${fixDate}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  const days = Math.max(0, Math.min(maxDays, Math.round((now - fix) / day)));
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { beforeFrom: iso(fix - days * day), fixDate, afterTo: iso(fix + days * day), days };
}
