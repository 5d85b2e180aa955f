import { inArray, sql } from 'drizzle-orm';
import { lockTickets } from '../../db/lock-order';
import type { DbOrTx } from '../../db/client';
import type { SlaSubject } from '../sla/subjects';
import { ticketRefs } from '../tickets/tickets.service';
import { refunds } from './refunds.tables';

export const REFUND_SUBJECT = 'refund';

/**
 * Step 1 of the lock order for refunds: their tickets first (a refund belongs to its ticket and is
 * locked after it, and after the ticket's RMA when an RMA opens it), then the refunds in id order.
 */
export async function lockRefunds(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  const owners = await tx.select({ id: refunds.id, ticketId: refunds.ticketId }).from(refunds).where(inArray(refunds.id, unique));
  const lockedTickets = new Set(await lockTickets(tx, [...new Set(owners.map((o) => o.ticketId))], opts));
  const wanted = owners.filter((o) => lockedTickets.has(o.ticketId)).map((o) => o.id);
  if (!wanted.length) return [];
  const res = await tx.execute<{ id: string }>(sql`
    select id from refunds where id = any(${`{${wanted.sort().join(',')}}`}::uuid[])
    order by id for update ${opts.skipLocked ? sql`skip locked` : sql``}`);
  return res.rows.map((r) => r.id);
}

// The refund as an SLA subject: its due-date clock (refund-due.ts) warns finance and breaches.
export const refundSlaSubject: SlaSubject = {
  type: REFUND_SUBJECT,
  lock: (tx, ids, opts) => lockRefunds(tx, ids, opts),
  async refs(tx, ids) {
    if (!ids.length) return new Map();
    const rows = await tx
      .select({ id: refunds.id, ticketId: refunds.ticketId })
      .from(refunds)
      .where(inArray(refunds.id, [...ids]));
    const tickets = await ticketRefs(tx, [...new Set(rows.map((r) => r.ticketId))]);
    const out = new Map<string, { ticketId: string; number: string; ownerId: string | null }>();
    for (const r of rows) {
      const t = tickets.get(r.ticketId);
      if (t) out.set(r.id, { ticketId: r.ticketId, number: t.number, ownerId: t.ownerId });
    }
    return out;
  },
};
