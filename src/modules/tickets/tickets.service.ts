// The tickets capability's public surface: other modules and routes call these, never the tables.
export { createTicket, type CreatedTicket } from './use-cases/create-ticket';
export { updateTicket } from './use-cases/update-ticket';
export { transitionTicket } from './use-cases/transition-ticket';
export { addTicketEvent } from './use-cases/add-ticket-event';
export { listTickets } from './use-cases/list-tickets';
export { loadTicket, ticketIdByNumber, ticketDetail, ticketStatus, pickTicket, type TicketRow } from './ticket-view';
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
