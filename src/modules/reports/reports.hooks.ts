import type { MailConfig } from '../../config';
import type { TxContext } from '../../context';
import { enqueue, type OutboxRegistry } from '../../jobs/outbox';
import { usersWithRoles } from '../identity/identity.service';
import { notify } from '../notifications/notifications.service';
import type { TicketRegistry } from '../tickets/tickets.service';
import { refreshFactsOutsideWriters } from './facts-outside-writers';
import { generateStep } from './documents.service';
import { checkIncident } from './incidents.service';
import { mailMonthlyReport } from './monthly-mail';
import { rebuildFactsBatch } from './rebuild';
import { followCustomerProvince } from './region-facts';

const REOPENED_FROM = new Set(['resolved', 'followed_up', 'closed']);

/**
 * The reports module's part of the composition root (src/composition.ts). A ticket change queues its
 * fact row's refresh (`reports.refresh_facts`, in the writer's transaction: one statement, and the
 * message commits or rolls back with the change); delivery recomputes the rows of a whole batch in
 * about ten statements, under each ticket's lock (step 1 of src/db/lock-order.ts, the fact row its own
 * row, step 2). Recomputing in every writer's transaction cost each transition, reply and assignment
 * about nine statements more and held the ticket that much longer; the figures now follow within a
 * delivery cycle (about a second), as new tickets' already did (`ticket.created`), and breaches and
 * warnings the SLA sweep finds (their events).
 */
export function registerReports(modules: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }, mail: MailConfig): void {
  const queueRefresh = async (ctx: TxContext, ticketId: string, reopened = false) => {
    await enqueue(ctx.tx, ctx.clock.now(), 'reports.refresh_facts', { ticketId, reopened, detect: true });
  };
  modules.ticketRegistry.react('reports', {
    afterTransition: async (ctx, { before, after, to }) => {
      // Came back after it was resolved: not a first-time fix (一次性解决, 004 §二(六)).
      const reopened = REOPENED_FROM.has(before.status) && !REOPENED_FROM.has(to) && to !== 'cancelled';
      await queueRefresh(ctx, after.id, reopened);
    },
    afterRegrade: (ctx, { after }) => queueRefresh(ctx, after.id),
    afterAssign: (ctx, { after }) => queueRefresh(ctx, after.id),
    afterEvent: (ctx, { after }) => queueRefresh(ctx, after.id),
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
  // Reopened is sticky: a ticket reopened by any change of the batch counts as reopened.
  modules.outbox.handleBatch('reports.refresh_facts', owner, async (ctx, messages) => {
    const reopened = new Set(messages.filter((m) => m.payload.reopened).map((m) => m.payload.ticketId));
    for (const detect of [true, false]) {
      const ids = messages.filter((m) => m.payload.detect === detect).map((m) => m.payload.ticketId);
      if (ids.length) await refreshFactsOutsideWriters(ctx, ids, { reopened: async (id) => reopened.has(id), detect });
    }
  });
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
