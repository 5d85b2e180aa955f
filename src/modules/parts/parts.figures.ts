import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inTicketScope, type TicketScope } from '../../db/ticket-scope';
import { partReservations, parts, stock, stockMovements, warehouses } from './parts.tables';

/**
 * The ticket a consumption was for: every one is drawn from a reservation (reservations.ts), which
 * names its ticket — the repair order's ticket for a repair's parts, the ticket itself for one made on
 * a ticket. Reservations made before that column existed got theirs on upgrade
 * (migration 20261201070453_backfill_reservation_tickets).
 */
const ticketOfConsumption = partReservations.ticketId;

/**
 * 备件统计 Parts used on site in a period (领用消耗 movements) with the most used parts, and how many
 * stock lines are low now (available below the part's threshold; personal stock never counts, as in
 * the stock list's "low" filter). With `tickets` (the dashboard's filters, src/db/ticket-scope.ts) only
 * the parts used for those tickets count; the low stock is the whole stock's whatever the filters (a
 * stock line belongs to no ticket). Exported for the reports module, which never reads these tables.
 */
export async function partsFigures(db: DbOrTx, q: { start: Date; end: Date; tickets?: TicketScope }) {
  const used = sql<number>`sum(-${stockMovements.onHandDelta})`;
  const inPeriod = and(
    eq(stockMovements.kind, 'consumption'),
    gte(stockMovements.createdAt, q.start),
    lt(stockMovements.createdAt, q.end),
    inTicketScope(ticketOfConsumption, q.tickets),
  );
  // The reservation is read only for its ticket (one row by its key per consumption of the period).
  const ofReservation = eq(partReservations.id, stockMovements.reservationId);
  const [[total], top, [low]] = await Promise.all([
    db
      .select({ quantity: used, valueFen: sql<number>`sum(-${stockMovements.onHandDelta} * ${parts.unitPriceFen})` })
      .from(stockMovements)
      .innerJoin(parts, eq(parts.id, stockMovements.partId))
      .leftJoin(partReservations, ofReservation)
      .where(inPeriod),
    db
      .select({ partId: parts.id, partNumber: parts.partNumber, name: parts.name, quantity: used })
      .from(stockMovements)
      .innerJoin(parts, eq(parts.id, stockMovements.partId))
      .leftJoin(partReservations, ofReservation)
      .where(inPeriod)
      .groupBy(parts.id)
      .orderBy(desc(used), parts.partNumber)
      .limit(10),
    db
      .select({ count: sql<number>`count(*)` })
      .from(stock)
      .innerJoin(parts, eq(parts.id, stock.partId))
      .innerJoin(warehouses, eq(warehouses.id, stock.warehouseId))
      .where(sql`${stock.onHand} - ${stock.reserved} < ${parts.lowStockThreshold} and ${warehouses.kind} <> 'engineer'`),
  ]);
  return {
    consumedQuantity: Number(total?.quantity ?? 0),
    consumedValueFen: Number(total?.valueFen ?? 0),
    topConsumed: top.map((r) => ({ partId: r.partId, partNumber: r.partNumber, name: r.name, quantity: Number(r.quantity) })),
    lowStockLines: Number(low?.count ?? 0),
  };
}
export type PartsFigures = Awaited<ReturnType<typeof partsFigures>>;

/**
 * The consumption movements of these tickets, as a condition on stock_movements: the rows partsFigures
 * counts under the dashboard's filters, for the list behind its figure (listMovements).
 */
export function consumedForTickets(tickets: TicketScope): SQL {
  return sql`${stockMovements.reservationId} in (select ${partReservations.id} from ${partReservations} where ${inTicketScope(ticketOfConsumption, tickets)})`;
}
