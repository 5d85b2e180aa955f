// The tickets capability's public surface: other modules and routes call these, never the tables.
import { asc, gt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tickets } from './tickets.tables';
export { createTicket, type CreatedTicket } from './use-cases/create-ticket';
export { updateTicket } from './use-cases/update-ticket';
export { transitionTicket, followTicketUp } from './use-cases/transition-ticket';
export { addTicketEvent } from './use-cases/add-ticket-event';
export { listTickets } from './use-cases/list-tickets';
export { loadTicket, ticketIdByNumber, ticketDetail, ticketStatus, pickTicket, type TicketRow } from './ticket-view';
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
export { markTicketsSlaBreached, markTicketsSlaWarning, setTicketSlaSummary, ticketRefs, type TicketSlaSummary } from './sla-summary';

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
