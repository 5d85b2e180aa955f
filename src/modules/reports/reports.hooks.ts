import type { OutboxRegistry } from '../../jobs/outbox';
import type { TicketRegistry } from '../tickets/tickets.service';
import { refreshTicketFacts } from './facts';
import { rebuildFactsBatch } from './rebuild';

const REOPENED_FROM = new Set(['resolved', 'followed_up', 'closed']);

/**
 * The reports module's part of the composition root (src/composition.ts). Registered after the SLA
 * and repairs modules, so a ticket change has already stopped or started its clocks and recorded its
 * repairs when the facts are recomputed — in the same transaction, under the ticket's lock (the fact
 * row is the ticket's own row, step 2 of src/db/lock-order.ts). A new ticket's row comes from the
 * `ticket.created` event after commit (creation stays three statements), and a breach or warning
 * found by the SLA sweep from its event.
 */
export function registerReports(modules: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }): void {
  modules.ticketRegistry.react('reports', {
    afterTransition: async (ctx, { before, after, to }) => {
      // Came back after it was resolved: not a first-time fix (一次性解决, 004 §二(六)).
      const reopened = REOPENED_FROM.has(before.status) && !REOPENED_FROM.has(to) && to !== 'cancelled';
      await refreshTicketFacts(ctx.tx, ctx, after.id, { reopened });
    },
    afterRegrade: async (ctx, { after }) => void (await refreshTicketFacts(ctx.tx, ctx, after.id)),
    afterAssign: async (ctx, { after }) => void (await refreshTicketFacts(ctx.tx, ctx, after.id)),
    afterEvent: async (ctx, { after }) => void (await refreshTicketFacts(ctx.tx, ctx, after.id)),
  });
  const owner = 'reports';
  modules.outbox.handle('ticket.created', owner, async (ctx, p) => void (await refreshTicketFacts(ctx.tx, ctx, p.ticketId)));
  modules.outbox.handle('sla.breached', owner, async (ctx, p) => void (await refreshTicketFacts(ctx.tx, ctx, p.ticketId)));
  modules.outbox.handle('sla.warning', owner, async (ctx, p) => void (await refreshTicketFacts(ctx.tx, ctx, p.ticketId)));
  modules.outbox.handle('reports.rebuild_facts', owner, (ctx, p, message) => rebuildFactsBatch(ctx, p, message));
}
