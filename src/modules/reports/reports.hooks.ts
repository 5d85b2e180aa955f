import type { MailConfig } from '../../config';
import type { TxContext } from '../../context';
import type { OutboxRegistry } from '../../jobs/outbox';
import { usersWithRoles } from '../identity/identity.service';
import { notify } from '../notifications/notifications.service';
import type { TicketRegistry } from '../tickets/tickets.service';
import { refreshTicketFacts } from './facts';
import { refreshFactsOutsideWriters } from './facts-outside-writers';
import { generateStep } from './documents.service';
import { checkIncident } from './incidents.service';
import { mailMonthlyReport } from './monthly-mail';
import { rebuildFactsBatch } from './rebuild';
import { followCustomerProvince } from './region-facts';

const REOPENED_FROM = new Set(['resolved', 'followed_up', 'closed']);

/**
 * The reports module's part of the composition root (src/composition.ts). Registered after the SLA
 * and repairs modules, so a ticket change has already stopped or started its clocks and recorded its
 * repairs when the facts are recomputed — in the same transaction, under the ticket's lock (the fact
 * row is the ticket's own row, step 2 of src/db/lock-order.ts). A new ticket's row comes from the
 * `ticket.created` event after commit (creation stays three statements), and a breach or warning
 * found by the SLA sweep from its event.
 */
export function registerReports(modules: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }, mail: MailConfig): void {
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
  // A delivery batch's new tickets (or breaches, warnings) are refreshed together: about ten statements
  // for the whole batch, so the facts keep up with intake at hundreds of tickets a second.
  const refreshAll = (ctx: TxContext, messages: readonly { payload: { ticketId: string } }[]) =>
    refreshFactsOutsideWriters(
      ctx,
      messages.map((m) => m.payload.ticketId),
    );
  modules.outbox.handleBatch('ticket.created', owner, refreshAll);
  modules.outbox.handleBatch('sla.breached', owner, refreshAll);
  modules.outbox.handleBatch('sla.warning', owner, refreshAll);
  modules.outbox.handle('customer.province_changed', owner, (ctx, p) => followCustomerProvince(ctx.tx, p));
  modules.outbox.handle('reports.refresh_facts', owner, (ctx, p) =>
    refreshFactsOutsideWriters(ctx, [p.ticketId], { reopened: async () => p.reopened, detect: p.detect }),
  );
  modules.outbox.handle('reports.rebuild_facts', owner, (ctx, p, message) => rebuildFactsBatch(ctx, p, message));
  modules.outbox.handleBatch('repair.dispatched', owner, refreshAll);
  modules.outbox.handle('reports.generate', owner, (ctx, p) => generateStep(ctx, p));
  // Sends mail: external, so another message's failure in the batch never makes it run twice.
  modules.outbox.handle('reports.monthly_mail', owner, (ctx, p) => mailMonthlyReport(ctx, mail, p.period), { external: true });
  modules.outbox.handle('reports.incident_check', owner, (ctx, p) => checkIncident(ctx, p.ticketId));
  // 应急小组: managers and administrators hear of it here; the channels module adds the emergency
  // group's phones and mail when it comes (004 §四(五)).
  modules.outbox.handle('reports.incident_raised', owner, async (ctx, p) => {
    const people = await usersWithRoles(ctx.tx, ['manager', 'admin']);
    await notify(
      ctx.tx,
      ctx.clock.now(),
      people.map((u) => ({
        userId: u.id,
        kind: 'incident_raised',
        ticketId: p.ticketIds[0] ?? null,
        params: { number: p.number, kind: p.kind, tickets: p.ticketIds.length, planDueAt: p.planDueAt },
        dedupeKey: `incident:${p.incidentId}:${u.id}`,
      })),
    );
  });
}
