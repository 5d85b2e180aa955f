import { eq, sql } from 'drizzle-orm';
import { txContext, type Actor, type AppContext, type TxContext } from '../../context';
import type { Tx } from '../../db/client';
import { notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { loadTicket, type TicketRow } from '../tickets/tickets.service';
import { publishLiveAfterCommit } from '../tickets/live';
import { rmaOrders, type RmaRow } from './rma.tables';

export interface RmaWrite {
  tx: Tx;
  inTx: TxContext;
  ticket: TicketRow;
  /** The rma as locked (before this change). */
  rma: RmaRow;
  now: Date;
  actor: Actor;
  /** Writes columns of the locked rma (version + 1) and returns the new row. */
  update(set: Partial<RmaRow>): Promise<RmaRow>;
  /** Appends an `rma_*` event to the ticket's chain (its timeline), naming the rma. */
  event(type: string, data?: Record<string, unknown>, body?: string | null): Promise<void>;
}

export async function findRma(db: Pick<Tx, 'select'>, id: string): Promise<RmaRow> {
  const [row] = await db.select().from(rmaOrders).where(eq(rmaOrders.id, id));
  if (!row) throw notFound('rma', id);
  return row;
}

/**
 * One RMA use case, one transaction, in the lock order (src/db/lock-order.ts):
 *   1. the ticket row, then the RMA row (an RMA belongs to its ticket, so it is locked after it),
 *      then a refund the outcome opens (new row, same ticket);
 *   2. clocks of the RMA (and of the refund) — `fn` starts/stops them under these locks;
 *   3. the ticket's audit chain (`w.event`);
 *   4. outbox rows (`enqueue` in `fn`, after its events).
 * Because every writer of an RMA holds its ticket's lock first, two reviewers approving at once run
 * one after the other: the second sees the RMA approved and gets 409, so it gets one RMA number.
 */
export async function writeRma<T>(ctx: AppContext, id: string, actor: Actor, fn: (w: RmaWrite) => Promise<T>): Promise<T> {
  // Found without a lock only to learn its ticket; re-read under the locks below.
  const found = await findRma(ctx.db, id);
  const live: { ticket?: { ticketId: string; number: string; status: string; ownerId: string | null } } = {};
  const result = await ctx.db.transaction(async (tx) => {
    const ticket = await loadTicket(tx, found.ticketId, { forUpdate: true });
    const [rma] = await tx.select().from(rmaOrders).where(eq(rmaOrders.id, id)).for('update');
    if (!rma) throw notFound('rma', id);
    live.ticket = { ticketId: ticket.id, number: ticket.number, status: ticket.status, ownerId: ticket.ownerId };
    return fn(lockedRmaWrite(txContext(ctx, tx), ticket, rma, actor));
  });
  if (live.ticket) publishLiveAfterCommit(ctx.database, { kind: 'ticket.updated', ...live.ticket, eventType: 'rma' });
  return result;
}

/**
 * An RmaWrite for a transaction that already holds the ticket's and the RMA's locks (writeRma, or a
 * ticket hook that locked the RMA rows after its ticket).
 */
export function lockedRmaWrite(inTx: TxContext, ticket: TicketRow, rma: RmaRow, actor: Actor): RmaWrite {
  const { tx } = inTx;
  const id = rma.id;
  const now = inTx.clock.now();
  const w: RmaWrite = {
    tx,
    inTx,
    ticket,
    rma,
    now,
    actor,
    async update(set) {
      const [after] = await tx
        .update(rmaOrders)
        .set({ ...set, updatedAt: now, version: sql`${rmaOrders.version} + 1` })
        .where(eq(rmaOrders.id, id))
        .returning();
      w.rma = after!;
      return after!;
    },
    async event(type, data = {}, body = null) {
      await appendEvent(tx, inTx, {
        subjectType: 'ticket',
        subjectId: ticket.id,
        type,
        actor,
        visibility: 'internal',
        body,
        data: { rmaId: id, rmaNumber: rma.number, ...data },
      });
    },
  };
  return w;
}
