import { inArray, sql } from 'drizzle-orm';
import { lockTickets } from '../../db/lock-order';
import type { DbOrTx } from '../../db/client';
import type { SlaSubject } from '../sla/subjects';
import { ticketRefs } from '../tickets/tickets.service';
import { rmaOrders } from './rma.tables';

export const RMA_SUBJECT = 'rma';

/**
 * Step 1 of the lock order for RMAs: their tickets first (an RMA belongs to its ticket and is locked
 * after it), then the RMAs in id order. Returns the ids locked; with `skipLocked` an RMA whose ticket
 * or row another transaction holds is left out.
 */
export async function lockRmas(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  const owners = await tx.select({ id: rmaOrders.id, ticketId: rmaOrders.ticketId }).from(rmaOrders).where(inArray(rmaOrders.id, unique));
  const lockedTickets = new Set(await lockTickets(tx, [...new Set(owners.map((o) => o.ticketId))], opts));
  const wanted = owners.filter((o) => lockedTickets.has(o.ticketId)).map((o) => o.id);
  if (!wanted.length) return [];
  const res = await tx.execute<{ id: string }>(sql`
    select id from rma_orders where id = any(${`{${wanted.sort().join(',')}}`}::uuid[])
    order by id for update ${opts.skipLocked ? sql`skip locked` : sql``}`);
  return res.rows.map((r) => r.id);
}

// The RMA as an SLA subject (src/modules/sla/subjects.ts): review, customer shipment, inspection and
// exchange shipment clocks warn and breach like a ticket's; the notification concerns its ticket.
export const rmaSlaSubject: SlaSubject = {
  type: RMA_SUBJECT,
  lock: (tx, ids, opts) => lockRmas(tx, ids, opts),
  async refs(tx, ids) {
    if (!ids.length) return new Map();
    const rows = await tx
      .select({ id: rmaOrders.id, ticketId: rmaOrders.ticketId })
      .from(rmaOrders)
      .where(inArray(rmaOrders.id, [...ids]));
    const tickets = await ticketRefs(tx, [...new Set(rows.map((r) => r.ticketId))]);
    const out = new Map<string, { ticketId: string; number: string; ownerId: string | null }>();
    for (const r of rows) {
      const t = tickets.get(r.ticketId);
      if (t) out.set(r.id, { ticketId: r.ticketId, number: t.number, ownerId: t.ownerId });
    }
    return out;
  },
};
