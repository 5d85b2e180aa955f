// 质量反馈 Use cases: a feedback report from a batch-failure incident, sent to production; production's
// improvement plan with its fix date; the fix's effect per batch from the maintained ticket facts.
// A feedback row is its own subject: writers lock it (step 1), then append to its chain (step 3).
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import {
  effectWindows,
  FEEDBACK_LIFECYCLE,
  fixEffect,
  type BatchFaultCounts,
  type FeedbackStatus,
  type feedbackCreateSchema,
  type feedbackPlanSchema,
} from '../../domain/reports/quality-feedback';
import { AppError, notFound } from '../../domain/shared/errors';
import { localDate } from '../../domain/shared/local-date';
import { appendEvent } from '../audit/audit.service';
import { unitsOfBatch } from '../products/products.service';
import { getIncident } from './incidents.service';
import { reportQualityFeedback as qf, type QualityFeedbackRow } from './quality-feedback.tables';
import { reportTicketFacts as f } from './reports.tables';

const chain = (id: string) => ({ subjectType: 'quality_feedback', subjectId: id }) as const;
/** Most units counted per batch (a batch is a production lot: thousands, not millions). */
const MAX_UNITS_PER_BATCH = 100_000;

async function lockFeedback(ctx: AppContext['db'], id: string): Promise<QualityFeedbackRow> {
  const [row] = await ctx.select().from(qf).where(eq(qf.id, id)).for('update');
  if (!row) throw notFound('quality_feedback', id);
  return row;
}

export async function getFeedback(ctx: Pick<AppContext, 'db'>, id: string): Promise<QualityFeedbackRow> {
  const [row] = await ctx.db.select().from(qf).where(eq(qf.id, id));
  if (!row) throw notFound('quality_feedback', id);
  return row;
}

export async function feedbackOfIncident(ctx: Pick<AppContext, 'db'>, incidentId: string): Promise<QualityFeedbackRow[]> {
  return ctx.db.select().from(qf).where(eq(qf.incidentId, incidentId)).orderBy(desc(qf.createdAt));
}

/** 质量反馈报告 from an incident: a batch failure (a safety event has no batch to compare, but may report too). */
export async function createFeedback(
  ctx: AppContext,
  incidentId: string,
  input: z.output<typeof feedbackCreateSchema>,
  actor: Actor,
): Promise<QualityFeedbackRow> {
  await getIncident(ctx, incidentId);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const id = randomUUID();
    const [row] = await tx
      .insert(qf)
      .values({ id, incidentId, status: 'draft', ...input, createdById: actor.id, createdAt: now, updatedAt: now })
      .returning();
    await appendEvent(tx, ctx, { ...chain(id), newSubject: true, type: 'quality_feedback_created', actor, visibility: 'internal', data: { incidentId } });
    return row!;
  });
}

/** Sent to production, withdrawn, verified — or a plan sent back (`sent` again, with a reason). */
export async function moveFeedback(ctx: AppContext, id: string, to: FeedbackStatus, reason: string | undefined, actor: Actor): Promise<QualityFeedbackRow> {
  return ctx.db.transaction(async (tx) => {
    const cur = await lockFeedback(tx, id);
    FEEDBACK_LIFECYCLE.assertTransition(cur.status, to, { reason });
    const now = ctx.clock.now();
    const set: Partial<typeof qf.$inferInsert> = { status: to, updatedAt: now };
    if (to === 'sent') set.sentAt = now;
    if (to === 'verified') set.verifiedAt = now;
    const [row] = await tx
      .update(qf)
      .set({ ...set, version: sql`${qf.version} + 1` })
      .where(eq(qf.id, id))
      .returning();
    await appendEvent(tx, ctx, {
      ...chain(id),
      type: 'quality_feedback_moved',
      actor,
      visibility: 'internal',
      data: { from: cur.status, to, reason: reason ?? null },
    });
    return row!;
  });
}

/** Production's answer: the improvement plan and its fix date (moves a sent feedback to planned). */
export async function recordPlan(ctx: AppContext, id: string, input: z.output<typeof feedbackPlanSchema>, actor: Actor): Promise<QualityFeedbackRow> {
  return ctx.db.transaction(async (tx) => {
    const cur = await lockFeedback(tx, id);
    if (cur.status !== 'planned') FEEDBACK_LIFECYCLE.assertTransition(cur.status, 'planned');
    const now = ctx.clock.now();
    const [row] = await tx
      .update(qf)
      .set({ status: 'planned', plan: input.plan, fixDate: input.fixDate, plannedAt: now, updatedAt: now, version: sql`${qf.version} + 1` })
      .where(eq(qf.id, id))
      .returning();
    await appendEvent(tx, ctx, { ...chain(id), type: 'quality_feedback_planned', actor, visibility: 'internal', data: { fixDate: input.fixDate } });
    return row!;
  });
}

/**
 * 效果跟踪 Fault tickets of the incident's model (and fault category) per batch, in equal windows
 * before and after the fix date, against the batch's known units.
 */
export async function feedbackEffect(ctx: AppContext, id: string) {
  const fb = await getFeedback(ctx, id);
  if (!fb.fixDate)
    throw new AppError('conflict', {
      message: 'no fix date yet',
      userMessage: { zh: '生产尚未给出改进方案和生效日期', en: 'Production has not given its plan and fix date yet' },
    });
  const incident = await getIncident(ctx, fb.incidentId);
  const w = effectWindows(fb.fixDate, localDate(ctx.clock.now()));
  if (!incident.productModelId) return { ...w, ...fixEffect([]) };
  const at = (d: string) => new Date(`${d}T00:00:00+08:00`);
  const rows = await ctx.db
    .select({
      batch: f.batch,
      before: sql<number>`count(*) filter (where ${f.receivedAt} < ${at(w.fixDate)})`.mapWith(Number),
      after: sql<number>`count(*) filter (where ${f.receivedAt} >= ${at(w.fixDate)})`.mapWith(Number),
    })
    .from(f)
    .where(
      and(
        eq(f.productModelId, incident.productModelId),
        incident.faultCategory ? eq(f.faultCategory, incident.faultCategory) : undefined,
        isNotNull(f.batch),
        gte(f.receivedAt, at(w.beforeFrom)),
        lt(f.receivedAt, at(w.afterTo)),
      ),
    )
    .groupBy(f.batch);
  const counts: BatchFaultCounts[] = await Promise.all(
    rows.map(async (r) => ({
      batch: r.batch!,
      before: r.before,
      after: r.after,
      units: (await unitsOfBatch(ctx.db, incident.productModelId!, r.batch!, MAX_UNITS_PER_BATCH)).length,
    })),
  );
  return { ...w, ...fixEffect(counts) };
}
