import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { txContext, type Actor, type AppContext } from '../../../context';
import type { z } from 'zod';
import type { repairCreateSchema } from '../../../domain/repair';
import { AppError, invalidField } from '../../../domain/shared/errors';
import { TICKET_LIFECYCLE } from '../../../domain/ticket/ticket.status';
import { enqueue } from '../../../jobs/outbox';
import { appendEvent } from '../../audit/audit.service';
import { getSerialUnit } from '../../products/products.service';
import { loadTicket } from '../../tickets/tickets.service';
import { publishLiveAfterCommit } from '../../tickets/live';
import { startRepairClock } from '../repair-clocks';
import { repairOrders, type RepairRow } from '../repairs.tables';

/**
 * Opens a repair order on a ticket that is still open (one or more per ticket). A return-to-factory
 * order starts its pickup clock now: logistics picks up within 24 h (003 §三). A field order's
 * on-site clock starts at dispatch (use-cases/dispatch.ts).
 */
export async function createRepair(ctx: AppContext, ticketId: string, input: z.output<typeof repairCreateSchema>, actor: Actor): Promise<RepairRow> {
  const pre = await loadTicket(ctx.db, ticketId);
  const unitId = input.serialUnitId ?? pre.serialUnitId;
  if (unitId) await getSerialUnit(ctx, unitId).catch(() => Promise.reject(invalidField('serialUnitId', '序列号设备不存在', 'No such serial unit')));
  const row = await ctx.db.transaction(async (tx) => {
    // Step 1: the ticket (the repair is new: nobody else can hold it).
    const ticket = await loadTicket(tx, ticketId, { forUpdate: true });
    if (!TICKET_LIFECYCLE.isOpen(ticket.status))
      throw new AppError('conflict', {
        message: `ticket ${ticketId} is ${ticket.status}`,
        userMessage: { zh: '工单已解决或关闭，不能新建维修单', en: 'The ticket is no longer open: no new repair order' },
        details: { status: ticket.status },
      });
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(repairOrders).where(eq(repairOrders.ticketId, ticketId));
    const now = ctx.clock.now();
    const id = randomUUID();
    const [created] = await tx
      .insert(repairOrders)
      .values({
        id,
        ticketId,
        number: `${ticket.number}-R${Number(n) + 1}`,
        serialUnitId: unitId ?? null,
        mode: input.mode,
        status: 'diagnosing',
        siteAddress: input.siteAddress ?? null,
        createdById: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const inTx = txContext(ctx, tx);
    if (input.mode === 'factory') await startRepairClock(inTx, id, 'pickup', now);
    await appendEvent(tx, ctx, {
      subjectType: 'ticket',
      subjectId: ticketId,
      type: 'repair_created',
      actor,
      visibility: 'internal',
      data: { repairId: id, repairNumber: created!.number, mode: input.mode, serialUnitId: unitId ?? null },
    });
    await enqueue(tx, now, 'repair.opened', { repairId: id, ticketId, number: created!.number, mode: input.mode });
    return created!;
  });
  publishLiveAfterCommit(ctx.database, { kind: 'ticket.updated', ticketId, number: pre.number, status: pre.status, ownerId: pre.ownerId, eventType: 'repair' });
  return row;
}
