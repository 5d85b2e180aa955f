import { and, eq, inArray } from 'drizzle-orm';
import type { OutboxRegistry } from '../../jobs/outbox';
import { REPAIR_LIFECYCLE, faultLabel } from '../../domain/repair';
import { AppError } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { usersWithRoles } from '../identity/identity.service';
import { notify } from '../notifications/notifications.service';
import type { TicketRegistry } from '../tickets/tickets.service';
import { cancelRepairClocks } from './repair-clocks';
import { asEntries, loadFaultCatalogue } from './fault-categories.service';
import { releaseRefs } from './repair-parts';
import { repairsSectionOut } from './repairs.schemas.out';
import { repairOrders } from './repairs.tables';
import { repairsOfTicket, repairsSection } from './repairs.view';

/**
 * The repairs module's part of the composition root (src/composition.ts):
 *  - the `repairs` section of GET /tickets/:id (orders, repair time, 三包 exchange option);
 *  - resolving a ticket refuses while a repair order is still open, then records the outcome of its
 *    orders (fault, cause, what was done, result) as an event on the ticket — the resolution's
 *    evidence (004 §二(四));
 *  - cancelling a ticket cancels its open orders and their clocks;
 *  - outbox handlers tell the engineer of a dispatch and the managers of a refusal or a 三包 option.
 * All reactions run inside the ticket's transaction, which already holds the ticket's lock: the
 * order rows are written after it (lock order step 1), then clocks, then the chain.
 */
export function registerRepairs(modules: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }): void {
  modules.ticketRegistry.section('repairs', { schema: repairsSectionOut, load: (ctx, ticket) => repairsSection(ctx, ticket) });
  modules.ticketRegistry.react('repairs', {
    beforeTransition: async (ctx, { before, to }) => {
      if (to !== 'resolved') return;
      const open = (await repairsOfTicket(ctx.tx, before.id)).filter((r) => REPAIR_LIFECYCLE.isOpen(r.status));
      if (open.length)
        throw new AppError('conflict', {
          message: `ticket ${before.id} has open repair orders`,
          userMessage: {
            zh: `仍有未完成的维修单：${open.map((r) => r.number).join('、')}`,
            en: `Repair orders still open: ${open.map((r) => r.number).join(', ')}`,
          },
          details: { openRepairs: open.map((r) => r.number) },
        });
    },
    afterTransition: async (ctx, { after, to, actor }) => {
      const now = ctx.clock.now();
      if (to === 'resolved') {
        const rows = await repairsOfTicket(ctx.tx, after.id);
        if (!rows.length) return;
        const faults = asEntries(await loadFaultCatalogue(ctx.tx));
        const outcomes = rows.map((r) => ({
          repairId: r.id,
          number: r.number,
          status: r.status,
          fault: r.faultCategory ? (faultLabel(faults, r.faultCategory)?.zh ?? r.faultCategory) : null,
          cause: r.cause,
          solution: r.onSiteRecord?.work ?? r.factoryRecord?.work ?? r.plan ?? null,
          testPassed: r.testPassed,
          totalFen: r.quoteTotalFen,
        }));
        await appendEvent(ctx.tx, ctx, {
          subjectType: 'ticket',
          subjectId: after.id,
          type: 'repair_outcome',
          actor,
          visibility: 'internal',
          data: { outcomes },
        });
      }
      if (to === 'cancelled') {
        const open = (await repairsOfTicket(ctx.tx, after.id)).filter((r) => REPAIR_LIFECYCLE.isOpen(r.status));
        if (!open.length) return;
        // Step 1 continued: the ticket is locked; its orders are written after it.
        await ctx.tx
          .update(repairOrders)
          .set({ status: 'cancelled', endReason: '工单已取消', updatedAt: now })
          .where(
            and(
              eq(repairOrders.ticketId, after.id),
              inArray(
                repairOrders.id,
                open.map((r) => r.id),
              ),
            ),
          );
        for (const r of open) {
          // Stock rows after the ticket and its orders (lock order in repair-write.ts): reserved parts go back.
          if (r.partReservations.some((p) => p.state === 'reserved')) {
            const partReservations = await releaseRefs(ctx, actor, r.partReservations, `维修单 ${r.number} 工单取消`);
            await ctx.tx.update(repairOrders).set({ partReservations }).where(eq(repairOrders.id, r.id));
          }
          await cancelRepairClocks(ctx, r.id, now);
        }
      }
    },
  });

  const owner = 'repairs';
  modules.outbox.handle('repair.dispatched', owner, async (ctx, p) => {
    await notify(ctx.tx, ctx.clock.now(), [
      {
        userId: p.engineerId,
        kind: 'repair_dispatched',
        ticketId: p.ticketId,
        params: { number: p.number },
        dedupeKey: `repair-dispatch:${p.repairId}:${p.engineerId}:${ctx.clock.now().getTime()}`,
      },
    ]);
  });
  modules.outbox.handle('repair.dispatch_refused', owner, async (ctx, p) => {
    const managers = await usersWithRoles(ctx.tx, ['manager']);
    await notify(
      ctx.tx,
      ctx.clock.now(),
      managers.map((m) => ({
        userId: m.id,
        kind: 'repair_dispatch_refused',
        ticketId: p.ticketId,
        params: { number: p.number },
        body: p.reason,
        dedupeKey: `repair-refused:${p.repairId}:${ctx.clock.now().getTime()}`,
      })),
    );
  });
  modules.outbox.handle('repair.exchange_option_raised', owner, async (ctx, p) => {
    const managers = await usersWithRoles(ctx.tx, ['manager']);
    await notify(
      ctx.tx,
      ctx.clock.now(),
      managers.map((m) => ({
        userId: m.id,
        kind: 'sanbao_exchange_option',
        ticketId: p.ticketId,
        params: { number: p.number },
        dedupeKey: `sanbao:${p.serialUnitId}:${m.id}`,
      })),
    );
  });
}
