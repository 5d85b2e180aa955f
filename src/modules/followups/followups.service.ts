import { and, asc, desc, eq, inArray, isNotNull, like } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { attemptEffect, callScript, FOLLOWUP_LIFECYCLE, type CallRecord, type FollowupChannel, type SurveyAnswer } from '../../domain/followup';
import { AppError } from '../../domain/shared/errors';
import { personalSealer } from '../audit/personal-data';
import { followTicketUp, loadTicket, ticketStatus, type TicketDeps } from '../tickets/tickets.service';
import { cancelFollowupClocks, createFollowupTask, followupClocks, startFollowupClock, stopFollowupClock } from './followup-clocks';
import { writeFollowup, findFollowup, type FollowupWrite } from './followup-write';
import { followupTasks, type FollowupAttempt, type FollowupRow } from './followups.tables';

// 回访 use cases. Recording an answer and moving the ticket to 已回访 are two transactions: the ticket's
// own writer (transitionTicket) takes the ticket's lock and runs every module's reactions, and a
// transaction cannot be nested in another. The task is recorded first; the ticket then moves only if
// it is still 已解决 (a reopen in between wins, and cancels nothing already answered).

export { createFollowupTask, cancelOpenFollowups } from './followup-clocks';
export { recordSurveyAnswer };

function assertPending(task: FollowupRow): void {
  if (task.status !== 'pending')
    throw new AppError('conflict', {
      message: `follow-up ${task.id} is ${task.status}`,
      userMessage: { zh: `该回访任务已${FOLLOWUP_LIFECYCLE.labels[task.status].zh}，不能再记录`, en: 'This follow-up is no longer open' },
      details: { status: task.status },
    });
}

interface Answer {
  channel: FollowupChannel;
  outcome: CallRecord['outcome'];
  rating: number | null;
  problemSolved: boolean | null;
  comments: string;
}

/** What an attempt did, for the caller: the task after it and a dedicated follow-up it opened. */
export interface AttemptResult {
  task: FollowupRow;
  dedicated: FollowupRow | null;
  /** The ticket should now be 已回访 (the customer is satisfied, or a manager closed it). */
  ticketFollowedUp: boolean;
}

async function applyAttempt(w: FollowupWrite, a: Answer): Promise<AttemptResult> {
  assertPending(w.task);
  const attempt: FollowupAttempt = {
    at: w.now.toISOString(),
    channel: a.channel,
    outcome: a.outcome,
    rating: a.rating,
    problemSolved: a.problemSolved,
    comments: a.comments,
    byId: w.actor.id,
    byName: w.actor.name,
  };
  const attempts = [...w.task.attempts, attempt];
  const effect = attemptEffect(w.task.kind, a.rating);
  // What the customer said goes on the ticket's chain sealed with their key (加密删除): erasure makes it
  // unreadable there, the chain unchanged. Lock order 2b: after the ticket and task, before the chain.
  const sealer = a.comments ? await personalSealer(w.tx, w.inTx, { type: 'customer', id: w.ticket.customerId }) : null;
  await w.event(
    'followup_attempt',
    { channel: a.channel, outcome: a.outcome, rating: a.rating, problemSolved: a.problemSolved },
    sealer ? sealer.seal(a.comments) : null,
  );
  if (effect.kind === 'keep_open') {
    await w.update({ attempts, rating: a.rating ?? w.task.rating, comments: a.comments || w.task.comments });
    // A dedicated follow-up that is still unsatisfied: the next visit is due within 3 wd again.
    if (w.task.kind === 'special' && a.rating != null) {
      await stopFollowupClock(w.inTx, w.task.id, w.now);
      await startFollowupClock(w.inTx, w.task, w.ticket, w.now);
    }
    return { task: w.task, dedicated: null, ticketFollowedUp: false };
  }
  FOLLOWUP_LIFECYCLE.assertTransition(w.task.status, 'completed');
  await w.update({
    attempts,
    status: 'completed',
    rating: a.rating,
    satisfied: effect.satisfied,
    problemSolved: a.problemSolved,
    comments: a.comments,
    completedAt: w.now,
  });
  await stopFollowupClock(w.inTx, w.task.id, w.now);
  await w.event('followup_completed', { rating: a.rating, satisfied: effect.satisfied });
  let dedicated: FollowupRow | null = null;
  // 004 §二(五): a rating below 4 starts a dedicated follow-up, at once.
  if (effect.openDedicated) dedicated = await createFollowupTask(w.inTx, w.ticket, { kind: 'special', parentId: w.task.id, at: w.now, actor: w.actor });
  return { task: w.task, dedicated, ticketFollowedUp: effect.satisfied };
}

/** Moves the ticket to 已回访 when it is still 已解决 (see the note at the top). */
async function moveTicketFollowedUp(ctx: TicketDeps, task: FollowupRow, reason: string, actor: Actor): Promise<void> {
  if ((await ticketStatus(ctx.db, task.ticketId)) !== 'resolved') return;
  try {
    await followTicketUp(ctx, task.ticketId, task.id, reason, actor);
  } catch (err) {
    // Reopened between the two transactions: the reopen wins (the answer stays on the task).
    if (err instanceof AppError && err.code === 'illegal_transition') return;
    throw err;
  }
}

// The rating only: the customer's words stay on the task and in the sealed attempt event, not in clear
// in the ticket's status change (a chained event erasure could not change).
const ratingText = (r: AttemptResult) => `回访完成：评分 ${r.task.rating ?? '—'} 分`;

/** An agent's call or visit (回访记录). */
export async function recordCall(ctx: TicketDeps, id: string, input: CallRecord, actor: Actor): Promise<AttemptResult> {
  const result = await writeFollowup(ctx, id, actor, (w) =>
    applyAttempt(w, {
      channel: input.channel,
      outcome: input.outcome,
      rating: input.rating ?? null,
      problemSolved: input.problemSolved ?? null,
      comments: input.comments,
    }),
  );
  if (result.ticketFollowedUp) await moveTicketFollowedUp(ctx, result.task, ratingText(result), actor);
  return result;
}

/**
 * A survey answer (portal, email or SMS link) for the same task: the customer rated without a call.
 * The respondent is the customer (an actor with the portal's identity) or the system.
 */
async function recordSurveyAnswer(ctx: TicketDeps, id: string, answer: SurveyAnswer, respondent: Actor): Promise<AttemptResult> {
  const result = await writeFollowup(ctx, id, respondent, (w) =>
    applyAttempt(w, {
      channel: answer.channel,
      outcome: 'reached',
      rating: answer.rating,
      problemSolved: answer.problemSolved ?? null,
      comments: answer.comments,
    }),
  );
  if (result.ticketFollowedUp) await moveTicketFollowedUp(ctx, result.task, ratingText(result), respondent);
  return result;
}

/** A manager closes a dedicated follow-up without the customer's satisfaction, with a reason (004). */
export async function closeFollowup(ctx: TicketDeps, id: string, reason: string, actor: Actor): Promise<FollowupRow> {
  const task = await writeFollowup(ctx, id, actor, async (w) => {
    assertPending(w.task);
    FOLLOWUP_LIFECYCLE.assertTransition(w.task.status, 'closed', { reason, kind: w.task.kind, actorRole: actor.role });
    await w.update({ status: 'closed', closeReason: reason, completedAt: w.now });
    await cancelFollowupClocks(w.inTx, w.task.id, w.now);
    await w.event('followup_closed', { reason }, reason);
    return w.task;
  });
  await moveTicketFollowedUp(ctx, task, `专项回访由经理关闭：${reason}`, actor);
  return task;
}

/** Reassigns the caller (any agent may take an unassigned task). */
export async function assignFollowup(ctx: AppContext, id: string, agentId: string, actor: Actor): Promise<FollowupRow> {
  return writeFollowup(ctx, id, actor, async (w) => {
    assertPending(w.task);
    await w.update({ agentId });
    await w.event('followup_assigned', { agentId });
    return w.task;
  });
}

export interface FollowupListQuery {
  status: 'pending' | 'completed' | 'closed' | 'cancelled' | 'all';
  kind?: 'routine' | 'special';
  mine?: boolean;
  ticketId?: string;
  /** A ticket number, or its start. */
  q?: string;
  limit: number;
}

export async function listFollowups(ctx: AppContext, q: FollowupListQuery, actor: Actor) {
  const rows = await ctx.db
    .select()
    .from(followupTasks)
    .where(
      and(
        q.status === 'all' ? undefined : eq(followupTasks.status, q.status),
        q.kind ? eq(followupTasks.kind, q.kind) : undefined,
        q.mine && actor.id ? eq(followupTasks.agentId, actor.id) : undefined,
        q.ticketId ? eq(followupTasks.ticketId, q.ticketId) : undefined,
        q.q?.trim()
          ? like(
              followupTasks.ticketNumber,
              `${q.q
                .trim()
                .toUpperCase()
                .replace(/[%_\\]/g, '')}%`,
            )
          : undefined,
      ),
    )
    .orderBy(q.status === 'pending' ? asc(followupTasks.callFrom) : desc(followupTasks.updatedAt))
    .limit(q.limit);
  return Promise.all(rows.map((r) => followupView(ctx, r)));
}

export async function getFollowup(ctx: AppContext, id: string) {
  return followupView(ctx, await findFollowup(ctx.db, id));
}

export async function followupsOfTicket(ctx: AppContext, ticketId: string) {
  const rows = await ctx.db.select().from(followupTasks).where(eq(followupTasks.ticketId, ticketId)).orderBy(asc(followupTasks.createdAt));
  return Promise.all(rows.map((r) => followupView(ctx, r)));
}

/** The task with its ticket's headline, its clock and the call script. */
export async function followupView(ctx: AppContext, row: FollowupRow) {
  const [ticket, clocks] = await Promise.all([loadTicket(ctx.db, row.ticketId), followupClocks(ctx.db, row.id)]);
  const clock = clocks.at(-1) ?? null;
  return {
    ...row,
    ticket: { id: ticket.id, number: ticket.number, title: ticket.title, status: ticket.status, priority: ticket.priority, customerId: ticket.customerId },
    clock: clock && {
      target: clock.target,
      status: clock.status,
      dueAt: clock.dueAt,
      startedAt: clock.startedAt,
      unit: clock.spec.unit,
      amount: clock.spec.amount,
    },
    script: callScript({ kind: row.kind, ticketNumber: ticket.number, title: ticket.title, resolutionSummary: null }),
  };
}

/** The ticket page's view of its follow-ups (section `followups`): state, due time, rating; no script. */
export async function ticketFollowupsSection(ctx: AppContext, ticketId: string) {
  const rows = await ctx.db.select().from(followupTasks).where(eq(followupTasks.ticketId, ticketId)).orderBy(asc(followupTasks.createdAt));
  return Promise.all(
    rows.map(async (r) => {
      const clock = (await followupClocks(ctx.db, r.id)).at(-1) ?? null;
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        parentId: r.parentId,
        callFrom: r.callFrom,
        dueAt: clock?.dueAt ?? null,
        clockStatus: clock?.status ?? null,
        rating: r.rating,
        satisfied: r.satisfied,
        attempts: r.attempts.length,
        closeReason: r.closeReason,
        completedAt: r.completedAt,
      };
    }),
  );
}

/**
 * 满意度 The customer's settled rating of a ticket (the satisfaction figures, 004 §二(五)): the newest
 * rated follow-up answer — after a dedicated follow-up, its rating, not the first unhappy one — or null.
 */
/** ticketSatisfaction for many tickets in one statement: the latest rating of each, by ticket id. */
export async function ticketSatisfactions(db: DbOrTx, ticketIds: readonly string[]): Promise<Map<string, number>> {
  if (!ticketIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([followupTasks.ticketId], { ticketId: followupTasks.ticketId, rating: followupTasks.rating })
    .from(followupTasks)
    .where(and(inArray(followupTasks.ticketId, [...ticketIds]), isNotNull(followupTasks.rating)))
    .orderBy(followupTasks.ticketId, desc(followupTasks.updatedAt), desc(followupTasks.createdAt));
  return new Map(rows.map((r) => [r.ticketId, r.rating!]));
}

export async function ticketSatisfaction(db: DbOrTx, ticketId: string): Promise<number | null> {
  const [row] = await db
    .select({ rating: followupTasks.rating })
    .from(followupTasks)
    .where(and(eq(followupTasks.ticketId, ticketId), isNotNull(followupTasks.rating)))
    .orderBy(desc(followupTasks.updatedAt), desc(followupTasks.createdAt))
    .limit(1);
  return row?.rating ?? null;
}
