import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { txContext, type Actor } from '../../../context';
import { AppError } from '../../../domain/shared/errors';
import type { MANUAL_EVENT_TYPES } from '../../../domain/ticket/ticket.schemas';
import { appendEvent, eventById, type EventRow } from '../../audit/audit.service';
import { claimIdempotencyKey, saveIdempotentResponse } from '../../idempotency/idempotency.service';
import { personalSealer } from '../../audit/personal-data';
import { publishLiveAfterCommit, type LiveEvent } from '../live';
import { appendSearchText } from '../search';
import type { TicketDeps } from '../ticket-hooks';
import { loadTicketForTextAppend } from '../ticket-view';
import { tickets } from '../tickets.tables';

type ManualEventType = (typeof MANUAL_EVENT_TYPES)[number];

// 回复客户 public reply and 进度通报 progress update reach the customer; an internal note does not;
// a customer message is what the customer said (typed in by an agent, or from a channel later).
const VISIBILITY: Record<ManualEventType, 'public' | 'internal'> = {
  public_reply: 'public',
  progress_update: 'public',
  customer_message: 'public',
  internal_note: 'internal',
};
// Finance, logistics and quality may leave internal notes on tickets they work with, but only the
// service desk speaks to the customer.
const SPEAKS_TO_CUSTOMER = new Set(['admin', 'manager', 'agent', 'engineer']);

export interface AddEventOptions {
  /**
   * Written once per key (an idempotency key of `owner`, claimed after the ticket's lock): a channel
   * filing the same message again after a crash gets the first event back instead of a second one.
   */
  once?: { owner: string; key: string };
}

export async function addTicketEvent(
  ctx: TicketDeps,
  ticketId: string,
  type: ManualEventType,
  body: string,
  actor: Actor,
  opts: AddEventOptions = {},
): Promise<EventRow> {
  if (type !== 'internal_note' && !SPEAKS_TO_CUSTOMER.has(actor.role)) {
    throw new AppError('forbidden', {
      userMessage: { zh: '只有客服、工程师和经理可以对客户回复', en: 'Only the service desk can write to the customer' },
      details: { type },
    });
  }
  const live: LiveEvent[] = [];
  const onceRef = opts.once ? { userId: opts.once.owner, scope: 'tickets.event', key: opts.once.key } : null;
  const result = await ctx.db.transaction(async (tx) => {
    // First the ticket, then its chain and clocks (the lock order, src/db/lock-order.ts).
    const { ticket, search: storedSearch } = await loadTicketForTextAppend(tx, ticketId);
    const now = ctx.clock.now();
    if (onceRef) {
      const prior = (await claimIdempotencyKey(tx, { ...onceRef, requestHash: createHash('sha256').update(`${type}\n${body}`).digest('hex'), at: now })) as {
        eventId: number;
      } | null;
      const first = prior ? await eventById(tx, prior.eventId) : null;
      if (first) return { ...first, body };
    }
    // What is said to or by the customer is their personal data: sealed with their key (lock order 2b).
    const sealer = await personalSealer(tx, ctx, { type: 'customer', id: ticket.customerId });
    const stored = await appendEvent(tx, ctx, {
      subjectType: 'ticket',
      subjectId: ticketId,
      type,
      actor,
      visibility: VISIBILITY[type],
      body: sealer.seal(body),
    });
    const event = { ...stored, body };
    if (onceRef) await saveIdempotentResponse(tx, onceRef, 201, { eventId: event.id });
    const search = appendSearchText(storedSearch, body);
    await tx
      .update(tickets)
      .set({ updatedAt: now, ...search, version: sql`${tickets.version} + 1` })
      .where(eq(tickets.id, ticketId));
    await ctx.ticketRegistry.run('afterEvent', txContext(ctx, tx), { before: ticket, after: ticket, actor, eventType: type });
    live.push({ kind: 'ticket.updated', ticketId, number: ticket.number, status: ticket.status, ownerId: ticket.ownerId, eventType: type });
    return event;
  });
  for (const e of live) publishLiveAfterCommit(ctx.database, e);
  return result;
}
