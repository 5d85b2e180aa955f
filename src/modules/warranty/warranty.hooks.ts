import { ticketWarrantyShape } from '../../domain/warranty/warranty.schemas';
import type { TicketRegistry } from '../tickets/tickets.service';
import { ticketWarrantySection } from './warranty.service';

/**
 * The warranty module's part of the composition root (src/composition.ts): the `warranty` section of
 * GET /tickets/:id — the 三包 decision as of the ticket's receipt date,
 * with the exclusion evidence it rests on.
 */
export function registerWarranty(modules: { ticketRegistry: TicketRegistry }): void {
  modules.ticketRegistry.section('warranty', { schema: ticketWarrantyShape.nullable(), load: (ctx, ticket) => ticketWarrantySection(ctx, ticket) });
}
