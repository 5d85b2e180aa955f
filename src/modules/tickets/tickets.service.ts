// The tickets capability's public surface: other modules and routes call these, never the tables.
import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ERASED_TEXT } from '../audit/personal-data';
import { newSearchText } from './search';
import { tickets } from './tickets.tables';
export { createTicket, type CreatedTicket } from './use-cases/create-ticket';
export { updateTicket } from './use-cases/update-ticket';
export { transitionTicket, followTicketUp } from './use-cases/transition-ticket';
export { addTicketEvent } from './use-cases/add-ticket-event';
export { listTickets } from './use-cases/list-tickets';
export { loadTicket, loadTickets, teamTicketScope, ticketIdByNumber, ticketDetail, ticketStatus, pickTicket, type TicketRow } from './ticket-view';
export { triageTokenize } from './triage-tokenizer';
export {
  createTicketRegistry,
  type NewTicketFields,
  type TicketDeps,
  type TicketHook,
  type TicketHookArgs,
  type TicketReactions,
  type TicketRegistry,
} from './ticket-hooks';
export { markTicketsSlaBreached, markTicketsSlaWarning, setTicketSlaSummary, ticketHeadlines, ticketRefs, type TicketSlaSummary } from './sla-summary';

/** Whether the ticket exists (without locking it). */
export async function ticketExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, id));
  return Boolean(row);
}

/** Ticket ids in id order after `after`, a page at a time: what a rebuild of another module's rows walks (reports). */
export async function ticketIdsAfter(db: DbOrTx, after: string | null, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(after ? gt(tickets.id, after) : undefined)
    .orderBy(asc(tickets.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
export { descriptionWords, solvedTicketsSharingWords, type SolvedTicket } from './similar-tickets';

/**
 * 删除 Erasure (PIPL Art 47) of the request's own words on these tickets, in the caller's transaction,
 * which holds their row locks (step 1). Title and description read as ERASED_TEXT, the other free
 * texts go, the search text keeps only the number. Status, dates, priority, owner, customer and
 * product stay, so every figure still counts the ticket. Returns how many rows changed.
 */
export async function eraseTicketTexts(db: DbOrTx, ticketIds: string[]): Promise<number> {
  if (!ticketIds.length) return 0;
  const rows = await db.select({ id: tickets.id, number: tickets.number }).from(tickets).where(inArray(tickets.id, ticketIds));
  for (const r of rows) {
    await db
      .update(tickets)
      .set({ title: ERASED_TEXT, description: ERASED_TEXT, environment: null, triedSteps: null, resolutionSummary: null, ...newSearchText([r.number]) })
      .where(eq(tickets.id, r.id));
  }
  return rows.length;
}

/** A customer's tickets (id, number, status, dates, title): what a personal-data request lists (privacy). */
export async function ticketsOfCustomer(db: DbOrTx, customerId: string) {
  return db
    .select({
      id: tickets.id,
      number: tickets.number,
      status: tickets.status,
      title: tickets.title,
      description: tickets.description,
      createdAt: tickets.createdAt,
      closedAt: tickets.closedAt,
    })
    .from(tickets)
    .where(eq(tickets.customerId, customerId))
    .orderBy(asc(tickets.createdAt));
}

/**
 * Closed tickets closed before `before`, in id order after `after`, a page at a time: the purge's
 * candidates (privacy). Title and description go with them for the safety rule of 004 §二(二).
 */
export async function closedTicketsBefore(db: DbOrTx, before: Date, after: string | null, limit: number) {
  return db
    .select({ id: tickets.id, closedAt: tickets.closedAt, title: tickets.title, description: tickets.description })
    .from(tickets)
    .where(and(inArray(tickets.status, ['closed', 'cancelled']), lt(tickets.closedAt, before), after ? gt(tickets.id, after) : undefined))
    .orderBy(asc(tickets.id))
    .limit(limit);
}
