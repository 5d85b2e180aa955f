import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { txContext, type Actor, type AppContext } from '../../context';
import type { adjustmentSchema, consumeSchema, receiptSchema, reserveSchema, transferSchema } from '../../domain/parts';
import { alertsLowStock, isLow, type MovementKind } from '../../domain/parts';
import type { TicketScope } from '../../db/ticket-scope';
import { AppError, invalidField } from '../../domain/shared/errors';
import { loadTicket } from '../tickets/tickets.service';
import { stockNames, type WarehouseRow } from './parts.catalogue';
import { consumedForTickets } from './parts.figures';
import { partReservations, parts, stock, stockMovements, warehouses } from './parts.tables';
import { consumeInTx, releaseInTx, reserveInTx, shipInTx, type ReservationRow } from './reservations';
import { lockStock, stockTransaction } from './stock-write';

// 库存 Use cases on stock, each one transaction (stock-write.ts takes the locks in order).

/**
 * Who may touch which warehouse: stock keepers (logistics, managers) any; an engineer only their
 * own personal stock (个人库). `ownWarehouseIds` undefined means no restriction.
 */
export interface StockScope {
  ownWarehouseIds?: string[];
}
export function assertInScope(scope: StockScope, warehouseId: string, path = 'warehouseId'): void {
  if (scope.ownWarehouseIds && !scope.ownWarehouseIds.includes(warehouseId)) {
    throw new AppError('forbidden', {
      userMessage: { zh: '工程师只能操作自己的个人库', en: 'Engineers may only use their own personal stock' },
      details: { path, warehouseId },
    });
  }
}

export async function receiveStock(ctx: AppContext, input: z.infer<typeof receiptSchema>, actor: Actor) {
  return stockTransaction(ctx, async (tx) => {
    const names = await stockNames(tx, [input.partId], [{ id: input.warehouseId, path: 'warehouseId' }], () => 'partId');
    const session = await lockStock(tx, [input], names, ctx.clock.now());
    session.apply({ ...input, kind: 'receipt', reason: input.reason });
    const [m] = await session.flush(tx, ctx, actor);
    return m!;
  });
}

export async function adjustStock(ctx: AppContext, input: z.infer<typeof adjustmentSchema>, actor: Actor) {
  return stockTransaction(ctx, async (tx) => {
    const names = await stockNames(tx, [input.partId], [{ id: input.warehouseId, path: 'warehouseId' }], () => 'partId');
    const session = await lockStock(tx, [input], names, ctx.clock.now());
    session.apply({ ...input, kind: 'adjustment', quantity: input.delta, reason: input.reason });
    const [m] = await session.flush(tx, ctx, actor);
    return m!;
  });
}

/**
 * 调拨 (transfer) or 退回未用备件 (return): every line leaves `from` and arrives at `to` in one
 * transaction. A return must leave an engineer's personal stock for a stock warehouse.
 */
export async function moveStock(ctx: AppContext, input: z.infer<typeof transferSchema>, mode: 'transfer' | 'return', actor: Actor, scope: StockScope = {}) {
  assertInScope(scope, input.fromWarehouseId, 'fromWarehouseId');
  return stockTransaction(ctx, async (tx) => {
    const names = await stockNames(
      tx,
      input.lines.map((l) => l.partId),
      [
        { id: input.fromWarehouseId, path: 'fromWarehouseId' },
        { id: input.toWarehouseId, path: 'toWarehouseId' },
      ],
      (i) => `lines.${i}.partId`,
    );
    const from = names.warehouseRows.get(input.fromWarehouseId)!;
    const to = names.warehouseRows.get(input.toWarehouseId)!;
    if (mode === 'return' && (from.kind !== 'engineer' || to.kind === 'engineer'))
      throw invalidField('fromWarehouseId', '退回未用备件：从个人库退回到仓库', 'A return goes from a personal stock back to a warehouse', 'not_a_return');
    const transferId = randomUUID();
    const [outKind, inKind]: MovementKind[] = mode === 'return' ? ['return_out', 'return_in'] : ['transfer_out', 'transfer_in'];
    const keys = input.lines.flatMap((l) => [
      { warehouseId: from.id, partId: l.partId },
      { warehouseId: to.id, partId: l.partId },
    ]);
    // Both warehouses' rows, in key order whatever the direction: A→B and B→A never deadlock.
    const session = await lockStock(tx, keys, names, ctx.clock.now());
    for (const l of input.lines) {
      session.apply({ warehouseId: from.id, partId: l.partId, kind: outKind!, quantity: l.quantity, transferId, reason: input.reason });
      session.apply({ warehouseId: to.id, partId: l.partId, kind: inKind!, quantity: l.quantity, transferId, reason: input.reason });
    }
    const movements = await session.flush(tx, ctx, actor);
    return { transferId, movements };
  });
}

/** Over HTTP a reservation is for a ticket, which must exist (repair orders reserve through parts.api.ts). */
export async function reserveForTicket(ctx: AppContext, input: z.infer<typeof reserveSchema>, actor: Actor, scope: StockScope = {}) {
  assertInScope(scope, input.warehouseId);
  return stockTransaction(ctx, async (tx) => {
    const ticket = await loadTicket(tx, input.ticketId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    });
    if (!ticket) throw invalidField('ticketId', '工单不存在', 'Ticket does not exist', 'not_found');
    return reserveInTx(txContext(ctx, tx), { ...input, subjectType: 'ticket', subjectId: input.ticketId }, actor);
  });
}

const scoped = (scope: StockScope) => (r: ReservationRow) => assertInScope(scope, r.warehouseId);

export async function releaseReservationHttp(ctx: AppContext, id: string, input: { quantity?: number; reason?: string }, actor: Actor, scope: StockScope = {}) {
  return stockTransaction(ctx, (tx) => releaseInTx(txContext(ctx, tx), id, { ...input, scope: scoped(scope) }, actor));
}

export async function consumeReservationHttp(ctx: AppContext, id: string, input: z.infer<typeof consumeSchema>, actor: Actor, scope: StockScope = {}) {
  return stockTransaction(ctx, (tx) => consumeInTx(txContext(ctx, tx), id, { ...input, scope: scoped(scope) }, actor));
}

export async function shipReservationHttp(ctx: AppContext, id: string, input: { trackingNumber?: string }, actor: Actor) {
  return stockTransaction(ctx, (tx) => shipInTx(txContext(ctx, tx), id, input, actor));
}

const whereIn = (col: SQL | typeof stock.warehouseId, ids: string[] | undefined): SQL | undefined =>
  ids === undefined ? undefined : ids.length ? inArray(col as typeof stock.warehouseId, ids) : sql`false`;

/** Stock levels with part and warehouse named; low = available below the part's threshold. */
export async function listStock(
  ctx: AppContext,
  q: { warehouseId?: string; partId?: string; lowOnly?: 'true' | 'false'; limit: number; offset: number },
  scope: StockScope = {},
) {
  const available = sql<number>`(${stock.onHand} - ${stock.reserved})`;
  const conds = [
    q.warehouseId ? eq(stock.warehouseId, q.warehouseId) : undefined,
    q.partId ? eq(stock.partId, q.partId) : undefined,
    whereIn(stock.warehouseId, scope.ownWarehouseIds),
    // Personal stock (个人库) is never "low": see alertsLowStock.
    q.lowOnly === 'true' ? sql`${available} < ${parts.lowStockThreshold} and ${warehouses.kind} <> 'engineer'` : undefined,
  ].filter(Boolean) as SQL[];
  const where = conds.length ? and(...conds) : undefined;
  const base = () => ctx.db.select().from(stock).innerJoin(parts, eq(parts.id, stock.partId)).innerJoin(warehouses, eq(warehouses.id, stock.warehouseId));
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    base().where(where).orderBy(asc(warehouses.kind), asc(warehouses.code), asc(parts.partNumber)).limit(q.limit).offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(stock)
      .innerJoin(parts, eq(parts.id, stock.partId))
      .innerJoin(warehouses, eq(warehouses.id, stock.warehouseId))
      .where(where),
  ]);
  return {
    items: rows.map(({ stock: s, parts: p, warehouses: w }) => ({
      warehouseId: w.id,
      warehouseCode: w.code,
      warehouseName: w.name,
      warehouseKind: w.kind,
      partId: p.id,
      partNumber: p.partNumber,
      partName: p.name,
      onHand: s.onHand,
      reserved: s.reserved,
      available: s.onHand - s.reserved,
      lowStockThreshold: p.lowStockThreshold,
      low: alertsLowStock(w.kind) && isLow(s, p.lowStockThreshold),
      updatedAt: s.updatedAt,
    })),
    total,
  };
}

/** The ledger, newest first. */
export async function listMovements(
  ctx: AppContext,
  q: { warehouseId?: string; partId?: string; kind?: MovementKind; from?: string; to?: string; limit: number; offset: number; tickets?: TicketScope },
  scope: StockScope = {},
) {
  const local = (d: string, plusDays = 0) => sql`(${d}::date + ${plusDays}::int)::timestamp at time zone 'Asia/Shanghai'`;
  const conds = [
    q.warehouseId ? eq(stockMovements.warehouseId, q.warehouseId) : undefined,
    q.from ? gte(stockMovements.createdAt, local(q.from)) : undefined,
    q.to ? lt(stockMovements.createdAt, local(q.to, 1)) : undefined,
    q.partId ? eq(stockMovements.partId, q.partId) : undefined,
    q.kind ? eq(stockMovements.kind, q.kind) : undefined,
    whereIn(stockMovements.warehouseId as unknown as SQL, scope.ownWarehouseIds),
    q.tickets ? consumedForTickets(q.tickets) : undefined,
  ].filter(Boolean) as SQL[];
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select({ m: stockMovements, partNumber: parts.partNumber, partName: parts.name, warehouseName: warehouses.name })
      .from(stockMovements)
      .innerJoin(parts, eq(parts.id, stockMovements.partId))
      .innerJoin(warehouses, eq(warehouses.id, stockMovements.warehouseId))
      .where(where)
      .orderBy(desc(stockMovements.id))
      .limit(q.limit)
      .offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(stockMovements)
      .where(where),
  ]);
  return { items: rows.map((r) => ({ ...r.m, partNumber: r.partNumber, partName: r.partName, warehouseName: r.warehouseName })), total };
}

export async function listReservations(
  ctx: AppContext,
  q: { subjectId?: string; warehouseId?: string; activeOnly?: 'true' | 'false'; limit: number; offset: number },
  scope: StockScope = {},
) {
  const conds = [
    q.subjectId ? eq(partReservations.subjectId, q.subjectId) : undefined,
    q.warehouseId ? eq(partReservations.warehouseId, q.warehouseId) : undefined,
    q.activeOnly === 'true' ? eq(partReservations.status, 'active') : undefined,
    whereIn(partReservations.warehouseId as unknown as SQL, scope.ownWarehouseIds),
  ].filter(Boolean) as SQL[];
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select({ r: partReservations, partNumber: parts.partNumber, partName: parts.name, serialTracked: parts.serialTracked, warehouseName: warehouses.name })
      .from(partReservations)
      .innerJoin(parts, eq(parts.id, partReservations.partId))
      .innerJoin(warehouses, eq(warehouses.id, partReservations.warehouseId))
      .where(where)
      .orderBy(desc(partReservations.createdAt))
      .limit(q.limit)
      .offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(partReservations)
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r.r, partNumber: r.partNumber, partName: r.partName, serialTracked: r.serialTracked, warehouseName: r.warehouseName })),
    total,
  };
}

export type { WarehouseRow };
