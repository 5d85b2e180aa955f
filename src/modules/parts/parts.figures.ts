import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { parts, stock, stockMovements, warehouses } from './parts.tables';

/**
 * 备件统计 Parts used on site in a period (领用消耗 movements) with the most used parts, and how many
 * stock lines are low now (available below the part's threshold; personal stock never counts, as in
 * the stock list's "low" filter). Exported for the reports module, which never reads these tables.
 */
export async function partsFigures(db: DbOrTx, q: { start: Date; end: Date }) {
  const used = sql<number>`sum(-${stockMovements.onHandDelta})`;
  const inPeriod = and(eq(stockMovements.kind, 'consumption'), gte(stockMovements.createdAt, q.start), lt(stockMovements.createdAt, q.end));
  const [[total], top, [low]] = await Promise.all([
    db
      .select({ quantity: used, valueFen: sql<number>`sum(-${stockMovements.onHandDelta} * ${parts.unitPriceFen})` })
      .from(stockMovements)
      .innerJoin(parts, eq(parts.id, stockMovements.partId))
      .where(inPeriod),
    db
      .select({ partId: parts.id, partNumber: parts.partNumber, name: parts.name, quantity: used })
      .from(stockMovements)
      .innerJoin(parts, eq(parts.id, stockMovements.partId))
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
