import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import {
  COMPLAINT_LIFECYCLE,
  type complaintFollowupSchema,
  type ComplaintCreateInput,
  type ComplaintGrade,
  type complaintLinksSchema,
  type ComplaintStatus,
} from '../../domain/complaint';
import { formatInZone } from '../../domain/calendar';
import { AppError, invalidField } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { assertCustomerExists, customerNames, findContactCustomer } from '../customers/customers.service';
import { ticketRefs } from '../tickets/tickets.service';
import { cancelComplaintClocks, complaintClocks, startComplaintClock, stopComplaintClocks, switchResolutionClock } from './complaint-clocks';
import { findComplaint, writeComplaint, type ComplaintWrite } from './complaint-write';
import { complaints, type ComplaintRow } from './complaints.tables';

// 投诉 use cases (RULES.md "Complaints", 000 §投诉处理 after GB/T 17242, 003). Each is one transaction
// on the complaint's lock (complaint-write.ts); the lifecycle table is checked again under it.

/** TS + local date + 6 characters of the id: unique without a counter row every intake would queue on. */
export function complaintNumber(id: string, at: Date): string {
  return `TS${formatInZone(at, 'Asia/Shanghai').slice(0, 10).replaceAll('-', '')}-${id.replaceAll('-', '').slice(0, 6).toUpperCase()}`;
}

async function assertLinks(ctx: AppContext, links: { ticketIds: string[] }): Promise<void> {
  const found = await ticketRefs(ctx.db, [...new Set(links.ticketIds)]);
  const missing = links.ticketIds.filter((id) => !found.has(id));
  if (missing.length) throw invalidField('ticketIds', `关联的工单不存在：${missing.join('、')}`, `Unknown tickets: ${missing.join(', ')}`, 'not_found');
}

export async function createComplaint(ctx: AppContext, input: ComplaintCreateInput, actor: Actor): Promise<ComplaintRow> {
  await assertCustomerExists(ctx.db, input.customerId);
  if (input.contactId && (await findContactCustomer(ctx.db, input.contactId)) !== input.customerId)
    throw invalidField('contactId', '联系人不属于该客户', 'The contact is not one of this customer’s', 'invalid');
  await assertLinks(ctx, input);
  const now = ctx.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt > now) throw invalidField('receivedAt', '投诉时间不能晚于现在', 'The complaint cannot come from the future', 'too_big');
  const id = randomUUID();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(complaints)
      .values({
        id,
        number: complaintNumber(id, receivedAt),
        customerId: input.customerId,
        contactId: input.contactId ?? null,
        channel: input.channel,
        purchaseInfo: input.purchaseInfo,
        description: input.description,
        status: 'received',
        ticketIds: [...new Set(input.ticketIds)],
        repairIds: [...new Set(input.repairIds)],
        rmaIds: [...new Set(input.rmaIds)],
        ownerId: actor.id,
        receivedAt,
        roundStartedAt: receivedAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const inTx = { clock: ctx.clock, keys: ctx.keys, dataDir: ctx.dataDir, maxAttachmentBytes: ctx.maxAttachmentBytes, tx, cacheScope: ctx.database };
    // Graded general until judged complex (the tighter promise holds until someone decides otherwise).
    await startComplaintClock(inTx, row!, 'complaintContact', receivedAt);
    await startComplaintClock(inTx, row!, 'complaintResolution', receivedAt);
    await appendEvent(tx, ctx, {
      subjectType: 'complaint',
      subjectId: id,
      type: 'complaint_received',
      actor,
      visibility: 'internal',
      newSubject: true,
      data: { number: row!.number, channel: input.channel, ticketIds: row!.ticketIds, repairIds: row!.repairIds, rmaIds: row!.rmaIds },
    });
    return row!;
  });
}

function move(w: ComplaintWrite, to: ComplaintStatus, more: Parameters<typeof COMPLAINT_LIFECYCLE.assertTransition>[2] = {}) {
  COMPLAINT_LIFECYCLE.assertTransition(w.complaint.status, to, more);
}

/** 联系客户: told the process and the expected time (000: within 1 h). */
export async function contactCustomer(ctx: AppContext, id: string, contactNote: string, actor: Actor) {
  return writeComplaint(ctx, id, actor, async (w) => {
    move(w, 'contacted', { contactNote });
    await w.update({ status: 'contacted', contactNote, contactedAt: w.now });
    await stopComplaintClocks(w.inTx, id, ['complaintContact'], w.now);
    await w.event('complaint_contacted', { before: { status: w.complaint.status }, after: { status: 'contacted' } }, contactNote);
    return w.complaint;
  });
}

/** 定级: general (3 wd) or complex (7 wd) with the reason; from 已联系 it starts the handling. */
export async function gradeComplaint(ctx: AppContext, id: string, grade: ComplaintGrade, gradeReason: string, actor: Actor) {
  return writeComplaint(ctx, id, actor, async (w) => {
    const c = w.complaint;
    if (c.status !== 'handling') move(w, 'handling', { grade, gradeReason });
    await w.update({ status: 'handling', grade, gradeReason });
    await switchResolutionClock(w.inTx, w.complaint, grade, c.roundStartedAt, w.now);
    await w.event('complaint_graded', { before: { status: c.status, grade: c.grade }, after: { status: 'handling', grade } }, gradeReason);
    return w.complaint;
  });
}

/** 处理完毕: the resolution clock stops; the follow-up is due within 3 wd (000). */
export async function handleComplaint(ctx: AppContext, id: string, handlingSummary: string, actor: Actor) {
  return writeComplaint(ctx, id, actor, async (w) => {
    move(w, 'handled', { handlingSummary });
    await w.update({ status: 'handled', handlingSummary, handledAt: w.now });
    await stopComplaintClocks(w.inTx, id, ['complaintResolution', 'complaintResolutionComplex'], w.now);
    await startComplaintClock(w.inTx, w.complaint, 'followUp', w.now);
    await w.event('complaint_handled', { before: { status: 'handling' }, after: { status: 'handled' }, round: w.complaint.round }, handlingSummary);
    return w.complaint;
  });
}

/**
 * 投诉回访: satisfied closes the complaint; not satisfied reassesses it — a new round of handling with
 * the grade's resolution clock from now (000: reassess and handle again until satisfied).
 */
export async function followUpComplaint(ctx: AppContext, id: string, input: z.output<typeof complaintFollowupSchema>, actor: Actor) {
  return writeComplaint(ctx, id, actor, async (w) => {
    const c = w.complaint;
    const to = input.satisfied ? 'satisfied' : 'handling';
    move(w, to, { reason: input.comments });
    const entry = {
      at: w.now.toISOString(),
      round: c.round,
      satisfied: input.satisfied,
      rating: input.rating ?? null,
      comments: input.comments,
      byId: actor.id,
      byName: actor.name,
    };
    await stopComplaintClocks(w.inTx, id, ['followUp'], w.now);
    if (input.satisfied) {
      await w.update({ status: 'satisfied', followups: [...c.followups, entry], closedAt: w.now });
    } else {
      await w.update({ status: 'handling', followups: [...c.followups, entry], round: c.round + 1, roundStartedAt: w.now, handledAt: null });
      await startComplaintClock(w.inTx, w.complaint, c.grade === 'complex' ? 'complaintResolutionComplex' : 'complaintResolution', w.now);
    }
    await w.event(
      'complaint_followed_up',
      { before: { status: c.status }, after: { status: to }, satisfied: input.satisfied, rating: entry.rating, round: c.round },
      input.comments || null,
    );
    return w.complaint;
  });
}

export async function withdrawComplaint(ctx: AppContext, id: string, reason: string, actor: Actor) {
  return writeComplaint(ctx, id, actor, async (w) => {
    move(w, 'withdrawn', { reason });
    await w.update({ status: 'withdrawn', closedAt: w.now, closeReason: reason });
    await cancelComplaintClocks(w.inTx, id, 'all', w.now);
    await w.event('complaint_withdrawn', { before: { status: w.complaint.status }, after: { status: 'withdrawn' } }, reason);
    return w.complaint;
  });
}

export async function updateComplaintLinks(ctx: AppContext, id: string, links: z.output<typeof complaintLinksSchema>, actor: Actor) {
  await assertLinks(ctx, links);
  return writeComplaint(ctx, id, actor, async (w) => {
    const set = { ticketIds: [...new Set(links.ticketIds)], repairIds: [...new Set(links.repairIds)], rmaIds: [...new Set(links.rmaIds)] };
    await w.update(set);
    await w.event('complaint_links_changed', { after: set });
    return w.complaint;
  });
}

export async function listComplaints(ctx: AppContext, q: { status: string; limit: number }) {
  let where: SQL | undefined;
  if (q.status === 'open') where = inArray(complaints.status, [...COMPLAINT_LIFECYCLE.openStatuses]);
  else if (q.status !== 'all') where = eq(complaints.status, q.status as ComplaintStatus);
  const rows = await ctx.db.select().from(complaints).where(and(where)).orderBy(desc(complaints.receivedAt)).limit(q.limit);
  const names = await customerNames(
    ctx.db,
    rows.map((r) => r.customerId),
  );
  return Promise.all(rows.map((r) => complaintView(ctx, r, names)));
}

export async function getComplaint(ctx: AppContext, id: string) {
  const row = await findComplaint(ctx.db, id);
  return complaintView(ctx, row, await customerNames(ctx.db, [row.customerId]));
}

export async function complaintView(ctx: AppContext, row: ComplaintRow, names: Map<string, string>) {
  const [clocks, tickets] = await Promise.all([complaintClocks(ctx.db, row.id), ticketRefs(ctx.db, row.ticketIds)]);
  return {
    ...row,
    customerName: names.get(row.customerId) ?? null,
    tickets: row.ticketIds.map((id) => ({ id, number: tickets.get(id)?.number ?? null, status: tickets.get(id)?.status ?? null })),
    clocks: clocks.map((c) => ({
      target: c.target,
      status: c.status,
      startedAt: c.startedAt,
      dueAt: c.dueAt,
      stoppedAt: c.stoppedAt,
      amount: c.spec.amount,
      unit: c.spec.unit,
    })),
    allowedMoves: COMPLAINT_LIFECYCLE.allowedMoves(row.status),
  };
}

export function assertComplaintOpen(c: ComplaintRow): void {
  if (!COMPLAINT_LIFECYCLE.isOpen(c.status))
    throw new AppError('conflict', {
      message: `complaint ${c.id} is ${c.status}`,
      userMessage: { zh: `投诉已${COMPLAINT_LIFECYCLE.labels[c.status].zh}`, en: 'This complaint is no longer open' },
    });
}

/** Whom a complaint's clock concerns, for the notifications module: its number, handler and whether it is still open. */
export async function complaintNoticeRef(db: DbOrTx, id: string): Promise<{ number: string; ownerId: string | null; open: boolean } | null> {
  const [row] = await db
    .select({ number: complaints.number, ownerId: complaints.ownerId, status: complaints.status })
    .from(complaints)
    .where(eq(complaints.id, id));
  return row ? { number: row.number, ownerId: row.ownerId, open: COMPLAINT_LIFECYCLE.isOpen(row.status) } : null;
}
