import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { PART_SHIPMENT_SUBJECT } from '../../domain/parts/shipment';
import type { SlaSubject } from '../sla/subjects';
import { ticketRefs } from '../tickets/tickets.service';
import { partReservations } from './parts.tables';

/**
 * Step 1 of the lock order for part shipments (a reservation that must ship): the stock rows they
 * draw on first, in (warehouse, part) order like every stock writer (stock-write.ts), then the
 * reservations in id order. With `skipLocked` (the SLA sweeps) a shipment whose stock row or
 * reservation another transaction holds is left to the next run. Returns the reservation ids locked.
 */
export async function lockShipments(tx: DbOrTx, ids: readonly string[], opts: { skipLocked?: boolean } = {}): Promise<string[]> {
  const unique = [...new Set(ids)].sort();
  if (!unique.length) return [];
  const rows = await tx
    .select({ id: partReservations.id, warehouseId: partReservations.warehouseId, partId: partReservations.partId })
    .from(partReservations)
    .where(inArray(partReservations.id, unique));
  if (!rows.length) return [];
  const skip = opts.skipLocked ? sql`skip locked` : sql``;
  const keys = [...new Map(rows.map((r) => [`${r.warehouseId}/${r.partId}`, r])).values()];
  const stockLocked = await tx.execute<{ warehouse_id: string; part_id: string }>(sql`
    select warehouse_id, part_id from stock
     where (warehouse_id, part_id) in (${sql.join(
       keys.map((k) => sql`(${k.warehouseId}::uuid, ${k.partId}::uuid)`),
       sql`, `,
     )})
     order by warehouse_id, part_id for update ${skip}`);
  const held = new Set(stockLocked.rows.map((r) => `${r.warehouse_id}/${r.part_id}`));
  const wanted = rows.filter((r) => held.has(`${r.warehouseId}/${r.partId}`)).map((r) => r.id);
  if (!wanted.length) return [];
  const res = await tx.execute<{ id: string }>(sql`
    select id from part_reservations where id = any(${`{${wanted.sort().join(',')}}`}::uuid[])
    order by id for update ${skip}`);
  return res.rows.map((r) => r.id);
}

// 备件发货 as an SLA subject (src/modules/sla/subjects.ts): the clock hangs on the reservation; a
// breach or warning concerns the ticket the parts are for.
export const partShipmentSlaSubject: SlaSubject = {
  type: PART_SHIPMENT_SUBJECT,
  lock: (tx, ids, opts) => lockShipments(tx, ids, opts),
  async refs(tx, ids) {
    if (!ids.length) return new Map();
    const rows = await tx
      .select({
        id: partReservations.id,
        ticketId: partReservations.ticketId,
        subjectType: partReservations.subjectType,
        subjectId: partReservations.subjectId,
      })
      .from(partReservations)
      .where(inArray(partReservations.id, [...ids]));
    const ticketOf = (r: (typeof rows)[number]) => r.ticketId ?? (r.subjectType === 'ticket' ? r.subjectId : null);
    const tickets = await ticketRefs(tx, [...new Set(rows.map(ticketOf).filter((x): x is string => Boolean(x)))]);
    const out = new Map<string, { ticketId: string; number: string; ownerId: string | null }>();
    for (const r of rows) {
      const t = tickets.get(ticketOf(r) ?? '');
      // Without a known ticket the reservation names itself (the notification handler then finds no open ticket).
      out.set(r.id, t ? { ticketId: t.id, number: t.number, ownerId: t.ownerId } : { ticketId: r.id, number: r.id, ownerId: null });
    }
    return out;
  },
};
