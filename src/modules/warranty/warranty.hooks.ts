import { warrantyDecisionShape } from '../../domain/warranty/warranty.schemas';
import type { TicketRegistry } from '../tickets/tickets.service';
import { ticketWarranty } from './warranty.service';

/**
 * The warranty module's part of the composition root (src/composition.ts): the `warranty` section of
 * GET /tickets/:id — the 三包 decision as of the ticket's receipt date.
 */
export function registerWarranty(modules: { ticketRegistry: TicketRegistry }): void {
  modules.ticketRegistry.section('warranty', { schema: warrantyDecisionShape.nullable(), load: (ctx, ticket) => ticketWarranty(ctx, ticket) });
}
