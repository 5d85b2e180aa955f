import { eq, sql } from 'drizzle-orm';
import { txContext, type Actor, type AppContext, type TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { AppError, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { personalSealer, type Sealer } from '../audit/personal-data';
import { loadTicket, type TicketRow } from '../tickets/tickets.service';
import { publishLiveAfterCommit } from '../tickets/live';
import { repairOrders, type RepairRow } from './repairs.tables';

export interface RepairWrite {
  tx: Tx;
  inTx: TxContext;
  ticket: TicketRow;
  /** The repair as locked (before this change). */
  repair: RepairRow;
  now: Date;
  actor: Actor;
  /** Writes columns of the locked repair (version + 1) and returns the new row. */
  update(set: Partial<RepairRow>): Promise<RepairRow>;
  /** Appends a `repair_*` event to the ticket's chain (its timeline), naming the repair. */
  event(type: string, data?: Record<string, unknown>, body?: string | null): Promise<void>;
}

/**
 * The sealer of the ticket's customer (加密删除): a name or note the customer gave goes on the ticket's
 * chain sealed, so erasure makes it unreadable there. Lock order 2b: the writer holds the ticket and
 * the repair (step 1) and has not appended yet (step 3).
 */
export const customerSealer = (w: Pick<RepairWrite, 'tx' | 'inTx' | 'ticket'>): Promise<Sealer> =>
  personalSealer(w.tx, w.inTx, { type: 'customer', id: w.ticket.customerId });

export async function findRepair(db: Pick<Tx, 'select'>, id: string): Promise<RepairRow> {
  const [row] = await db.select().from(repairOrders).where(eq(repairOrders.id, id));
  if (!row) throw notFound('repair order', id);
  return row;
}

/**
 * One repair use case, one transaction, in the lock order (src/db/lock-order.ts):
 *   1. the ticket row, then the repair row (a repair belongs to its ticket, so it is locked after it);
 *   2. clocks of the repair (and of the ticket) — `fn` starts/stops them under these locks;
 *   3. the ticket's audit chain (`w.event`);
 *   4. outbox rows (`enqueue` in `fn`, after its events).
 * Because every writer of a repair holds its ticket's lock first, an approval and a start of work
 * (or two engineers grabbing one order) run one after the other, never interleaved.
 */
export async function writeRepair<T>(ctx: AppContext, id: string, actor: Actor, fn: (w: RepairWrite) => Promise<T>): Promise<T> {
  // Found without a lock only to learn its ticket; re-read under the locks below.
  const found = await findRepair(ctx.db, id);
  const live: { ticket?: { ticketId: string; number: string; status: string; ownerId: string | null } } = {};
  const result = await ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, found.ticketId, { forUpdate: true });
    const [repair] = await tx.select().from(repairOrders).where(eq(repairOrders.id, id)).for('update');
    if (!repair) throw notFound('repair order', id);
    live.ticket = { ticketId: ticket.id, number: ticket.number, status: ticket.status, ownerId: ticket.ownerId };
    const now = ctx.clock.now();
    const w: RepairWrite = {
      tx,
      inTx: txContext(ctx, tx),
      ticket,
      repair,
      now,
      actor,
      async update(set) {
        const [after] = await tx
          .update(repairOrders)
          .set({ ...set, updatedAt: now, version: sql`${repairOrders.version} + 1` })
          .where(eq(repairOrders.id, id))
          .returning();
        w.repair = after!;
        return after!;
      },
      async event(type, data = {}, body = null) {
        await appendEvent(tx, ctx, {
          subjectType: 'ticket',
          subjectId: ticket.id,
          type,
          actor,
          visibility: 'internal',
          body,
          data: { repairId: id, repairNumber: repair.number, ...data },
        });
      },
    };
    return fn(w);
  });
  if (live.ticket) publishLiveAfterCommit(ctx.database, { kind: 'ticket.updated', ...live.ticket, eventType: 'repair' });
  return result;
}

/** Refuses work on a repair that has ended (its record stays as it is). */
export function assertRepairOpen(repair: RepairRow): void {
  if (['declined', 'handed_over', 'failed', 'cancelled'].includes(repair.status))
    throw new AppError('conflict', {
      message: `repair ${repair.id} has ended (${repair.status})`,
      userMessage: { zh: '维修单已结束，不能再修改', en: 'This repair order has ended and cannot be changed' },
      details: { status: repair.status },
    });
}

/** Refuses a field-service step on a return-to-factory order, and the other way round. */
export function assertMode(repair: RepairRow, mode: RepairRow['mode']): void {
  if (repair.mode !== mode)
    throw new AppError('conflict', {
      message: `repair ${repair.id} is ${repair.mode}, not ${mode}`,
      userMessage:
        mode === 'field'
          ? { zh: '此操作仅适用于上门服务的维修单', en: 'Only for field-service repair orders' }
          : { zh: '此操作仅适用于返厂维修的维修单', en: 'Only for return-to-factory repair orders' },
      details: { mode: repair.mode },
    });
}
