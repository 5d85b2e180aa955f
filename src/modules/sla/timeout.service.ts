import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../domain/shared/errors';
import { enqueue } from '../../jobs/outbox';
import { appendEvent } from '../audit/audit.service';
import { userNames } from '../identity/identity.service';
import { loadTicket, ticketRefs, type TicketRow } from '../tickets/tickets.service';
import { timeoutExplanations } from './sla.tables';

// 超时说明 (004 §四, Records): an overdue ticket needs a timeout explanation signed off by the
// service manager before it can be archived.
export async function explanationsOf(db: DbOrTx, ticketId: string) {
  const rows = await db.select().from(timeoutExplanations).where(eq(timeoutExplanations.ticketId, ticketId)).orderBy(asc(timeoutExplanations.submittedAt));
  return withNames(db, rows);
}

/** Names as well as ids: finance or quality staff reading a ticket cannot list users. */
async function withNames<T extends { submittedById: string | null; decidedById: string | null }>(db: DbOrTx, rows: T[]) {
  const names = await userNames(
    db,
    rows.flatMap((r) => [r.submittedById, r.decidedById]),
  );
  return rows.map((r) => ({
    ...r,
    submittedByName: r.submittedById ? (names.get(r.submittedById) ?? null) : null,
    decidedByName: r.decidedById ? (names.get(r.decidedById) ?? null) : null,
  }));
}

export async function submitExplanation(ctx: AppContext, ticketId: string, text: string, actor: Actor) {
  return ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, ticketId, { forUpdate: true });
    if (!ticket.slaBreached) {
      throw new AppError('conflict', { userMessage: { zh: '工单未超时，无需超时说明', en: 'The ticket is not overdue: no explanation needed' } });
    }
    if ((await explanationsOf(tx, ticketId)).some((e) => e.status === 'pending')) {
      throw new AppError('conflict', { userMessage: { zh: '已有待审批的超时说明', en: 'An explanation is already waiting for approval' } });
    }
    const row = { id: randomUUID(), ticketId, text, status: 'pending' as const, submittedById: actor.id, submittedAt: ctx.clock.now() };
    await tx.insert(timeoutExplanations).values(row);
    await appendEvent(tx, ctx, {
      subjectType: 'ticket',
      subjectId: ticketId,
      type: 'timeout_explanation_submitted',
      actor,
      body: text,
      data: { explanationId: row.id },
    });
    // Announced after commit (group robots, webhooks): the manager who approves may not be in the app.
    await enqueue(tx, row.submittedAt, 'sla.explanation_submitted', { ticketId, number: ticket.number, explanationId: row.id });
    return (await withNames(tx, [{ ...row, decidedById: null, decidedAt: null, decisionNote: null }]))[0]!;
  });
}

export async function decideExplanation(
  ctx: AppContext,
  ticketId: string,
  explanationId: string,
  approve: boolean,
  note: string | null | undefined,
  actor: Actor,
) {
  return ctx.db.transaction(async (tx) => {
    // The ticket before its explanation and its chain (src/db/lock-order.ts).
    await loadTicket(tx, ticketId, { forUpdate: true });
    const [row] = await tx
      .select()
      .from(timeoutExplanations)
      .where(and(eq(timeoutExplanations.id, explanationId), eq(timeoutExplanations.ticketId, ticketId)))
      .for('update');
    if (!row) throw notFound('timeout explanation', explanationId);
    if (row.status !== 'pending') throw new AppError('conflict', { userMessage: { zh: '该超时说明已审批', en: 'This explanation was already decided' } });
    const [after] = await tx
      .update(timeoutExplanations)
      .set({ status: approve ? 'approved' : 'rejected', decidedById: actor.id, decidedAt: ctx.clock.now(), decisionNote: note ?? null })
      .where(eq(timeoutExplanations.id, explanationId))
      .returning();
    await appendEvent(tx, ctx, {
      subjectType: 'ticket',
      subjectId: ticketId,
      type: approve ? 'timeout_explanation_approved' : 'timeout_explanation_rejected',
      actor,
      body: note ?? null,
      data: { explanationId },
    });
    return (await withNames(tx, [after!]))[0]!;
  });
}

export async function assertClosable(tx: DbOrTx, ticket: TicketRow): Promise<void> {
  if (!ticket.slaBreached) return;
  const approved = (await explanationsOf(tx, ticket.id)).some((e) => e.status === 'approved');
  if (!approved) {
    throw new AppError('timeout_explanation_required', { details: { ticketId: ticket.id } });
  }
}

/** 待审批超时说明: what waits for a manager's decision, oldest first, with the ticket's number. */
export async function pendingExplanations(db: DbOrTx) {
  const rows = await db.select().from(timeoutExplanations).where(eq(timeoutExplanations.status, 'pending')).orderBy(asc(timeoutExplanations.submittedAt));
  const refs = await ticketRefs(
    db,
    rows.map((r) => r.ticketId),
  );
  return (await withNames(db, rows)).map((r) => ({ ...r, ticketNumber: refs.get(r.ticketId)?.number ?? '' }));
}
