import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, TxContext } from '../../context';
import { callWindowOpensAt } from '../../domain/followup';
import { workingDays, hours } from '../../domain/sla/presets.documents';
import type { TargetSpec } from '../../domain/sla';
import { AppError } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { effectivePriority } from '../sla/clocks.service';
import { cancelClocks, clocksOfSubject, startClock, stopClock } from '../sla/subject-clocks';
import type { TicketRow } from '../tickets/tickets.service';
import { FOLLOWUP_SUBJECT } from './followups.sla-subject';
import { followupTasks, type FollowupRow } from './followups.tables';

// The follow-up task's clock (target followUp on the `followup` subject), always changed by a writer
// holding the ticket and task locks (step 2 of the lock order).

const key = (id: string) => ({ subjectType: FOLLOWUP_SUBJECT, subjectId: id });

/** 004 §二(五) when the policy promises no follow-up for these terms: 72 h, urgent 12 h. */
const fallbackSpec = (priority: string): TargetSpec => (priority === 'urgent' ? hours(12) : hours(72));
/** 003: an unsatisfied customer is visited again (dedicated follow-up) within 3 working days. */
export const DEDICATED_SPEC: TargetSpec = workingDays(3);

export async function startFollowupClock(ctx: TxContext, task: FollowupRow, ticket: TicketRow, at: Date): Promise<void> {
  if (task.kind === 'special') {
    await startClock(ctx.tx, ctx, { ...key(task.id), target: 'followUp', startedAt: at, spec: DEDICATED_SPEC });
    return;
  }
  const priority = effectivePriority(ticket);
  const terms = { policyId: ticket.slaPolicyId, requestType: ticket.requestType, priority, customerId: ticket.customerId, at };
  if (await startClock(ctx.tx, ctx, { ...key(task.id), target: 'followUp', startedAt: at, terms })) return;
  await startClock(ctx.tx, ctx, { ...key(task.id), target: 'followUp', startedAt: at, spec: fallbackSpec(priority) });
}

export const stopFollowupClock = (ctx: TxContext, id: string, at: Date) => stopClock(ctx.tx, ctx, { ...key(id), target: 'followUp', at });
export const cancelFollowupClocks = (ctx: TxContext, id: string, at: Date) => cancelClocks(ctx.tx, ctx, { ...key(id), targets: 'all', at });
export const followupClocks = (db: Parameters<typeof clocksOfSubject>[0], id: string) => clocksOfSubject(db, FOLLOWUP_SUBJECT, id);

/**
 * Creates a follow-up task of a ticket inside a writer that holds the ticket's lock (the ticket's
 * resolution, or a low rating). The new row is the ticket's child: written after the ticket's lock.
 */
export async function createFollowupTask(
  ctx: TxContext,
  ticket: TicketRow,
  input: { kind: 'routine' | 'special'; parentId?: string | null; at: Date; actor: Actor },
): Promise<FollowupRow> {
  const at = input.at;
  const priority = effectivePriority(ticket);
  const [task] = await ctx.tx
    .insert(followupTasks)
    .values({
      id: randomUUID(),
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      kind: input.kind,
      status: 'pending',
      parentId: input.parentId ?? null,
      agentId: ticket.ownerId,
      priority,
      resolvedAt: ticket.resolvedAt ?? at,
      callFrom: input.kind === 'special' ? at : callWindowOpensAt(at, priority),
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await startFollowupClock(ctx, task!, ticket, at);
  await appendEvent(ctx.tx, ctx, {
    subjectType: 'ticket',
    subjectId: ticket.id,
    type: 'followup_created',
    actor: input.actor,
    visibility: 'internal',
    data: { followupId: task!.id, kind: input.kind, callFrom: task!.callFrom.toISOString() },
  });
  return task!;
}

/** The ticket was reopened or cancelled: its open follow-ups are no longer due. */
export async function cancelOpenFollowups(ctx: TxContext, ticketId: string, at: Date, reason: string, kind?: 'routine' | 'special'): Promise<void> {
  const open = await ctx.tx
    .select({ id: followupTasks.id })
    .from(followupTasks)
    .where(and(eq(followupTasks.ticketId, ticketId), eq(followupTasks.status, 'pending'), kind ? eq(followupTasks.kind, kind) : undefined))
    .for('update');
  if (!open.length) return;
  const ids = open.map((o) => o.id);
  await ctx.tx.update(followupTasks).set({ status: 'cancelled', closeReason: reason, updatedAt: at }).where(inArray(followupTasks.id, ids));
  for (const id of ids) await cancelFollowupClocks(ctx, id, at);
}

/**
 * Refuses 已回访 unless the named task of this ticket is done — the customer answered satisfied, or a
 * manager closed the dedicated follow-up — and no follow-up of the ticket is still pending (a rating
 * below 4 opened a dedicated one: 004 §二(五), 003 visit again until satisfied). Runs under the
 * ticket's lock, before the move.
 */
export async function assertFollowupDone(ctx: TxContext, ticketId: string, taskId: string | null): Promise<void> {
  const rows = await ctx.tx.select().from(followupTasks).where(eq(followupTasks.ticketId, ticketId));
  const task = taskId ? rows.find((r) => r.id === taskId) : undefined;
  const done = task && ((task.status === 'completed' && task.satisfied === true) || (task.status === 'closed' && task.kind === 'special'));
  if (done && !rows.some((r) => r.status === 'pending')) return;
  throw new AppError('conflict', {
    message: `ticket ${ticketId} has no finished follow-up task (${taskId ?? 'none named'})`,
    userMessage: {
      zh: '回访尚未完成：客户满意（评分≥4）或经理关闭专项回访后，工单才变为已回访（RULES.md 回访与评价）',
      en: 'The follow-up is not done: the ticket is followed up once the customer is satisfied (rating ≥ 4) or a manager closed the dedicated follow-up (RULES.md Follow-up and satisfaction)',
    },
    details: { taskId },
  });
}
