import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import {
  COMPLAINT_LIFECYCLE,
  DISPUTE_LIFECYCLE,
  type DisputeStage,
  type disputeDocumentSchema,
  type disputeMoveSchema,
  type disputeOpenSchema,
  type mediationBodySchema,
  type negotiationEntrySchema,
  type stageDetailsSchema,
} from '../../domain/complaint';
import { AppError, invalidField, notFound } from '../../domain/shared/errors';
import { attachmentSubject, recordSubjectFile, type StagedFile } from '../attachments/attachments.service';
import { assertComplaintOpen } from './complaints.service';
import { cancelComplaintClocks } from './complaint-clocks';
import { writeComplaint, type ComplaintWrite } from './complaint-write';
import { disputes, mediationBodies, type DisputeRow, type StageRecord } from './complaints.tables';

// 争议 use cases (RULES.md "Disputes", 000 §争议处理). A dispute belongs to its complaint: every writer
// locks the complaint row, then the dispute row (src/db/lock-order.ts step 1), then the complaint's
// chain, where the dispute's story is told (`dispute_*` events).

const newStage = (at: Date, more: Partial<StageRecord> = {}): StageRecord => ({
  startedAt: at.toISOString(),
  endedAt: null,
  body: null,
  bodyId: null,
  caseNumber: null,
  dates: [],
  outcome: null,
  result: null,
  ...more,
});

interface DisputeWrite extends ComplaintWrite {
  dispute: DisputeRow;
  save(set: Partial<DisputeRow>): Promise<DisputeRow>;
}

async function disputeOfComplaint(db: AppContext['db'], complaintId: string): Promise<DisputeRow | null> {
  const [row] = await db.select().from(disputes).where(eq(disputes.complaintId, complaintId));
  return row ?? null;
}

export async function findDispute(db: AppContext['db'], id: string): Promise<DisputeRow> {
  const [row] = await db.select().from(disputes).where(eq(disputes.id, id));
  if (!row) throw notFound('dispute', id);
  return row;
}

async function writeDispute<T>(ctx: AppContext, id: string, actor: Actor, fn: (w: DisputeWrite) => Promise<T>): Promise<T> {
  const found = await findDispute(ctx.db, id);
  return writeComplaint(ctx, found.complaintId, actor, async (cw) => {
    const [dispute] = await cw.tx.select().from(disputes).where(eq(disputes.id, id)).for('update');
    if (!dispute) throw notFound('dispute', id);
    const w = cw as DisputeWrite;
    w.dispute = dispute;
    w.save = async (set) => {
      const [after] = await cw.tx
        .update(disputes)
        .set({ ...set, updatedAt: cw.now, version: sql`${disputes.version} + 1` })
        .where(eq(disputes.id, id))
        .returning();
      w.dispute = after!;
      return after!;
    };
    return fn(w);
  });
}

function assertDisputeOpen(d: DisputeRow): asserts d is DisputeRow & { status: DisputeStage } {
  if (!DISPUTE_LIFECYCLE.isOpen(d.status))
    throw new AppError('conflict', {
      message: `dispute ${d.id} is ${d.status}`,
      userMessage: { zh: `争议已${DISPUTE_LIFECYCLE.labels[d.status].zh}，不能再修改`, en: 'This dispute has ended' },
    });
}

/** 转争议: the complaint ends as escalated (its clocks cancelled) and a dispute opens in negotiation. */
export async function openDispute(ctx: AppContext, complaintId: string, input: z.output<typeof disputeOpenSchema>, actor: Actor): Promise<DisputeRow> {
  return writeComplaint(ctx, complaintId, actor, async (w) => {
    assertComplaintOpen(w.complaint);
    COMPLAINT_LIFECYCLE.assertTransition(w.complaint.status, 'escalated', { reason: input.reason });
    const id = randomUUID();
    const [dispute] = await w.tx
      .insert(disputes)
      .values({
        id,
        complaintId,
        number: w.complaint.number.replace(/^TS/, 'ZY'),
        status: 'negotiation',
        reason: input.reason,
        customerClaim: input.customerClaim,
        stages: { negotiation: newStage(w.now) },
        openedAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    await w.update({ status: 'escalated', closedAt: w.now, closeReason: input.reason });
    await cancelComplaintClocks(w.inTx, complaintId, 'all', w.now);
    await w.event('complaint_escalated', { before: { status: w.complaint.status }, after: { status: 'escalated' }, disputeId: id }, input.reason);
    return dispute!;
  });
}

/** 协商: an offer or an answer, in order. */
export async function addNegotiationEntry(ctx: AppContext, id: string, input: z.output<typeof negotiationEntrySchema>, actor: Actor) {
  return writeDispute(ctx, id, actor, async (w) => {
    assertDisputeOpen(w.dispute);
    if (w.dispute.status !== 'negotiation')
      throw new AppError('conflict', {
        message: 'negotiation has ended',
        userMessage: { zh: '协商阶段已结束', en: 'The negotiation stage has ended' },
      });
    const entry = { at: w.now.toISOString(), party: input.party, kind: input.kind, text: input.text, amountFen: input.amountFen ?? null, byName: actor.name };
    await w.save({ negotiation: [...w.dispute.negotiation, entry] });
    await w.event('dispute_negotiation', { disputeId: id, party: input.party, kind: input.kind, amountFen: entry.amountFen }, input.text);
    return w.dispute;
  });
}

/** The current stage's outcome (and, for mediation / arbitration / litigation, its case details). */
export async function recordStage(ctx: AppContext, id: string, input: z.output<typeof stageDetailsSchema> & { outcome?: string }, actor: Actor) {
  return writeDispute(ctx, id, actor, async (w) => {
    const d = w.dispute;
    assertDisputeOpen(d);
    const stage = d.status;
    const current = d.stages[stage] ?? newStage(w.now);
    const next: StageRecord = {
      ...current,
      outcome: input.outcome?.trim() ? input.outcome : current.outcome,
      caseNumber: input.caseNumber ?? current.caseNumber,
      dates: input.dates ?? current.dates,
      result: input.result ?? current.result,
    };
    await w.save({ stages: { ...d.stages, [stage]: next } });
    await w.event('dispute_stage_recorded', { disputeId: id, stage, caseNumber: next.caseNumber, dates: next.dates, result: next.result }, next.outcome);
    return w.dispute;
  });
}

/** Next stage (or conclusion), refused until the current stage has its outcome. */
export async function moveDispute(ctx: AppContext, id: string, input: z.output<typeof disputeMoveSchema>, actor: Actor) {
  let body = input.body ?? null;
  let bodyId: string | null = null;
  if (input.to === 'mediation') {
    if (!input.mediationBodyId)
      throw new AppError('validation_failed', {
        message: 'mediation needs a body from the list',
        userMessage: { zh: '请从调解机构名录中选择调解机构', en: 'Choose a mediation body from the list' },
        issues: [{ path: 'mediationBodyId', code: 'required', message: 'A mediation body is required' }],
      });
    const [m] = await ctx.db.select().from(mediationBodies).where(eq(mediationBodies.id, input.mediationBodyId));
    if (!m || !m.active) throw notFound('mediation body', input.mediationBodyId);
    body = m.name;
    bodyId = m.id;
  }
  return writeDispute(ctx, id, actor, async (w) => {
    const d = w.dispute;
    assertDisputeOpen(d);
    const stage = d.status;
    const current = d.stages[stage] ?? newStage(w.now);
    DISPUTE_LIFECYCLE.assertTransition(stage, input.to, { stageOutcome: current.outcome, body, reason: input.reason });
    const stages = { ...d.stages, [stage]: { ...current, endedAt: w.now.toISOString() } };
    if (input.to === 'mediation' || input.to === 'arbitration' || input.to === 'litigation')
      stages[input.to] = newStage(w.now, { body, bodyId, caseNumber: input.caseNumber ?? null });
    const ends = input.to === 'concluded' || input.to === 'withdrawn';
    await w.save({ status: input.to, stages, ...(ends ? { concludedAt: w.now, endReason: input.reason ?? current.outcome } : {}) });
    await w.event(
      'dispute_moved',
      { disputeId: id, before: { status: stage }, after: { status: input.to }, body, caseNumber: input.caseNumber ?? null },
      input.reason ?? null,
    );
    return w.dispute;
  });
}

/** The stage a document belongs to: the current one, or the last one once the dispute has ended. */
function documentStage(d: DisputeRow): DisputeStage {
  // Documents may still arrive after the conclusion (the signed award comes later): only stage is fixed.
  return DISPUTE_LIFECYCLE.isOpen(d.status) ? (d.status as DisputeStage) : lastStage(d);
}

async function saveDocument(
  w: DisputeWrite,
  actor: Actor,
  input: { title: string; note: string },
  file: { attachmentId: string | null; fileName: string | null },
) {
  const stage = documentStage(w.dispute);
  const doc = {
    id: randomUUID(),
    stage,
    title: input.title,
    attachmentId: file.attachmentId,
    fileName: file.fileName,
    note: input.note,
    at: w.now.toISOString(),
    byName: actor.name,
  };
  await w.save({ documents: [...w.dispute.documents, doc] });
  await w.event('dispute_document', { disputeId: w.dispute.id, stage, title: input.title, attachmentId: file.attachmentId, fileName: file.fileName });
  return w.dispute;
}

/**
 * A document of the current stage (agreement, mediation letter, award, judgment …), optionally naming
 * a file already attached to this dispute or to a ticket the complaint is about (nothing else: a
 * dispute file must not point at another customer's papers).
 */
export async function addDocument(ctx: AppContext, id: string, input: z.output<typeof disputeDocumentSchema>, actor: Actor) {
  return writeDispute(ctx, id, actor, async (w) => {
    let fileName: string | null = null;
    if (input.attachmentId) {
      const at = await attachmentSubject(w.tx, input.attachmentId);
      const ours =
        at &&
        ((at.subjectType === DISPUTE_FILE_SUBJECT && at.subjectId === id) || (at.subjectType === 'ticket' && w.complaint.ticketIds.includes(at.subjectId)));
      if (!ours)
        throw invalidField(
          'attachmentId',
          '附件不存在，或不属于该投诉关联的工单',
          'No such file on this dispute or on a ticket the complaint is about',
          'invalid',
        );
      fileName = at.fileName;
    }
    return saveDocument(w, actor, input, { attachmentId: input.attachmentId ?? null, fileName });
  });
}

/** The subject type of files uploaded to a dispute (attachments module rows). */
export const DISPUTE_FILE_SUBJECT = 'dispute';

/** Uploads a document file to the dispute's current stage (or its last one once ended), with its title. */
export async function uploadDocument(ctx: AppContext, id: string, input: { title: string; note: string }, file: StagedFile, actor: Actor) {
  return writeDispute(ctx, id, actor, async (w) => {
    // Saved before the file is stored: recordSubjectFile publishes the blob as the last write.
    const attachmentId = randomUUID();
    const doc = await saveDocument(w, actor, input, { attachmentId, fileName: file.fileName });
    await recordSubjectFile(w.tx, ctx, { type: DISPUTE_FILE_SUBJECT, id }, file, actor, w.now, attachmentId);
    return doc;
  });
}

export function lastStage(d: DisputeRow): DisputeStage {
  const order: DisputeStage[] = ['litigation', 'arbitration', 'mediation', 'negotiation'];
  return order.find((s) => d.stages[s]) ?? 'negotiation';
}

export async function disputeForComplaint(ctx: AppContext, complaintId: string) {
  return disputeOfComplaint(ctx.db, complaintId);
}

// 调解机构名录
export async function listMediationBodies(ctx: AppContext, includeInactive = false) {
  const rows = await ctx.db.select().from(mediationBodies).orderBy(asc(mediationBodies.name));
  return includeInactive ? rows : rows.filter((r) => r.active);
}

export async function saveMediationBody(ctx: AppContext, id: string | null, input: z.output<typeof mediationBodySchema>) {
  const now = ctx.clock.now();
  const clash = await ctx.db.select({ id: mediationBodies.id }).from(mediationBodies).where(eq(mediationBodies.name, input.name));
  if (clash.some((c) => c.id !== id))
    throw new AppError('conflict', {
      message: 'a mediation body of this name exists',
      userMessage: { zh: '已有同名调解机构', en: 'A mediation body of this name exists' },
    });
  if (!id) {
    const [row] = await ctx.db
      .insert(mediationBodies)
      .values({ id: randomUUID(), ...input, createdAt: now })
      .returning();
    return row!;
  }
  const [row] = await ctx.db.update(mediationBodies).set(input).where(eq(mediationBodies.id, id)).returning();
  if (!row) throw notFound('mediation body', id);
  return row;
}
