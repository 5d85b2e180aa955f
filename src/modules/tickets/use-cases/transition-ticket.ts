import { eq, sql } from 'drizzle-orm';
import { txContext, type Actor } from '../../../context';
import type { TransitionInput } from '../../../domain/ticket/ticket.schemas';
import { isReopen, TICKET_LIFECYCLE, type TicketStatus } from '../../../domain/ticket/ticket.status';
import { appendEvent } from '../../audit/audit.service';
import { personalSealer } from '../../audit/personal-data';
import { publishLiveAfterCommit, type LiveEvent } from '../live';
import type { TicketDeps } from '../ticket-hooks';
import { loadTicket, ticketColumns, type TicketRow } from '../ticket-view';
import { tickets } from '../tickets.tables';

/** Moves a ticket along its lifecycle; the table is checked again under the row lock. */
export async function transitionTicket(
  ctx: TicketDeps,
  id: string,
  to: TicketStatus,
  reason: string | null | undefined,
  actor: Actor,
  more: Pick<TransitionInput, 'resolution' | 'part'> = {},
): Promise<TicketRow> {
  return moveTicket(ctx, id, to, reason, actor, more, null);
}

/**
 * 已回访: only the follow-up module calls this, naming the task that was done (the table's
 * requiresFollowupTask guard refuses the move without it; the module's beforeTransition reaction
 * checks the task really is done, under the ticket's lock).
 */
export async function followTicketUp(ctx: TicketDeps, id: string, followupTaskId: string, reason: string, actor: Actor): Promise<TicketRow> {
  return moveTicket(ctx, id, 'followed_up', reason, actor, {}, followupTaskId);
}

async function moveTicket(
  ctx: TicketDeps,
  id: string,
  to: TicketStatus,
  reason: string | null | undefined,
  actor: Actor,
  more: Pick<TransitionInput, 'resolution' | 'part'>,
  followupTaskId: string | null,
): Promise<TicketRow> {
  // Only what the move is about is kept: a part sent along with a resolve is not the ticket's story.
  const resolution = to === 'resolved' ? more.resolution : undefined;
  const part = to === 'waiting_parts' ? more.part : undefined;
  const live: LiveEvent[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    // First the ticket, then its chain and clocks (the lock order, src/db/lock-order.ts).
    const before = await loadTicket(tx, id, { forUpdate: true });
    TICKET_LIFECYCLE.assertTransition(before.status, to, { reason, resolution, part, followupTaskId });
    // A reason is free text about this customer's case (a cancellation, a hold, a reopening often names
    // them): sealed with their key like replies, after the ticket row and before any chain (lock order 2b).
    const sealer = reason ? await personalSealer(tx, ctx, { type: 'customer', id: before.customerId }) : null;
    const sealedReason = sealer ? sealer.seal(reason!) : null;
    const inTx = txContext(ctx, tx);
    await ctx.ticketRegistry.run('beforeTransition', inTx, { before, after: before, actor, reason, to, followupTaskId });
    const now = ctx.clock.now();
    const set: Partial<TicketRow> = { status: to, updatedAt: now };
    if (to === 'resolved')
      Object.assign(set, { resolvedAt: now, solutionType: resolution?.solutionType ?? null, resolutionSummary: resolution?.summary ?? null });
    if (to === 'closed' || to === 'cancelled') set.closedAt = now;
    if (isReopen(before.status, to)) Object.assign(set, { resolvedAt: null, solutionType: null, resolutionSummary: null });
    const [after] = await tx
      .update(tickets)
      .set({ ...set, version: sql`${tickets.version} + 1` })
      .where(eq(tickets.id, id))
      .returning(ticketColumns);
    await appendEvent(tx, ctx, {
      subjectType: 'ticket',
      subjectId: id,
      type: isReopen(before.status, to) ? 'reopened' : 'status_changed',
      actor,
      body: sealedReason,
      data: {
        before: { status: before.status },
        after: { status: to },
        ...(sealedReason ? { reason: sealedReason } : {}),
        ...(resolution ? { resolution } : {}),
        ...(part ? { part } : {}),
        ...(followupTaskId ? { followupTaskId } : {}),
      },
    });
    await ctx.ticketRegistry.run('afterTransition', inTx, { before, after: after!, actor, reason, to });
    live.push({ kind: 'ticket.updated', ticketId: id, number: before.number, status: to, ownerId: after!.ownerId, eventType: 'status_changed' });
    return after!;
  });
  for (const e of live) publishLiveAfterCommit(ctx.database, e);
  return result;
}
