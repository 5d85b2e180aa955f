import { sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx, Tx } from '../../db/client';
import {
  alertsLowStock,
  applyMovement,
  crossesLowStock,
  MOVEMENT_EFFECT,
  refusalMessage,
  type MovementKind,
  type StockLevel,
  type WarehouseKind,
} from '../../domain/parts';
import { AppError } from '../../domain/shared/errors';
import { enqueueMany } from '../../jobs/outbox';
import { appendEvents } from '../audit/audit.service';
import { stock, stockMovements } from './parts.tables';

// The one place stock changes. Every writer follows src/db/lock-order.ts:
//   1. subject rows — the caller's own subject first (a repair order after its ticket, by the
//      repairs module), then the STOCK ROWS this change touches, as subjects of their own, in
//      (warehouse id, part id) order: two transfers in opposite directions, or two reservations of
//      the same parts listed differently, take them in the same order and never deadlock;
//   2. their own rows — reservations and old parts, locked or written only by a holder of the
//      stock row they concern;
//   3. audit chains — one per part ('part:<id>'), appended in key order by appendEvents;
//   4. outbox — the low-stock alert.
// Under the lock each change is checked by the pure rule (src/domain/parts/stock.ts); the CHECK
// stock_never_negative on the table is the last line of defence, answered as 409 too (asStockConflict).

export interface StockKey {
  warehouseId: string;
  partId: string;
}
/** What a writer knows of each part and warehouse it touches (for messages, alerts and the ledger). */
export interface StockNames {
  parts: Map<string, { partNumber: string; name: string; lowStockThreshold: number }>;
  warehouses: Map<string, { name: string; kind: WarehouseKind }>;
}
export interface StockOp extends StockKey {
  kind: MovementKind;
  /** Positive; an adjustment may be negative. */
  quantity: number;
  reason?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  reservationId?: string | null;
  transferId?: string | null;
  serialNumbers?: string[] | null;
}
export type MovementRow = typeof stockMovements.$inferSelect;

const keyOf = (k: StockKey) => `${k.warehouseId}/${k.partId}`;
const byKey = (a: StockKey, b: StockKey) => (a.warehouseId === b.warehouseId ? cmp(a.partId, b.partId) : cmp(a.warehouseId, b.warehouseId));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Step 1 for stock rows: makes sure each (warehouse, part) row exists, locks them all in key order,
 * and returns a session that applies movements in memory and writes them with `flush`.
 */
export async function lockStock(tx: DbOrTx, keys: readonly StockKey[], names: StockNames, now: Date): Promise<StockSession> {
  const unique = [...new Map(keys.map((k) => [keyOf(k), { warehouseId: k.warehouseId, partId: k.partId }])).values()].sort(byKey);
  if (unique.length) {
    // Inserted in key order too: a row another transaction is inserting makes us wait on the same order.
    await tx
      .insert(stock)
      .values(unique.map((k) => ({ ...k, onHand: 0, reserved: 0, updatedAt: now })))
      .onConflictDoNothing();
  }
  const locked = unique.length
    ? await tx.execute<{ warehouse_id: string; part_id: string; on_hand: number; reserved: number }>(sql`
        select warehouse_id, part_id, on_hand, reserved from stock
         where (warehouse_id, part_id) in (${sql.join(
           unique.map((k) => sql`(${k.warehouseId}::uuid, ${k.partId}::uuid)`),
           sql`, `,
         )})
         order by warehouse_id, part_id for update`)
    : { rows: [] };
  const levels = new Map<string, StockLevel>(
    locked.rows.map((r) => [`${r.warehouse_id}/${r.part_id}`, { onHand: Number(r.on_hand), reserved: Number(r.reserved) }]),
  );
  return new StockSession(levels, names, now);
}

export class StockSession {
  private readonly initial: Map<string, StockLevel>;
  private readonly ops: (StockOp & { after: StockLevel })[] = [];

  constructor(
    private readonly levels: Map<string, StockLevel>,
    private readonly names: StockNames,
    private readonly now: Date,
  ) {
    this.initial = new Map([...levels].map(([k, v]) => [k, { ...v }]));
  }

  level(k: StockKey): StockLevel {
    const l = this.levels.get(keyOf(k));
    if (!l) throw new Error(`stock ${keyOf(k)} was not locked by this session`);
    return { ...l };
  }

  /** Applies one movement under the lock, or throws the 409 the user sees (the transaction then rolls back). */
  apply(op: StockOp): void {
    const result = applyMovement(this.level(op), op.kind, op.quantity);
    if (!result.ok) {
      const part = this.names.parts.get(op.partId);
      const wh = this.names.warehouses.get(op.warehouseId);
      throw new AppError('conflict', {
        message: `stock ${op.kind} refused: ${result.refusal.code}`,
        userMessage: refusalMessage(result.refusal, `${part?.partNumber ?? op.partId}${wh ? `（${wh.name}）` : ''}`),
        details: { ...result.refusal, warehouseId: op.warehouseId, partId: op.partId },
      });
    }
    this.levels.set(keyOf(op), result.after);
    this.ops.push({ ...op, after: result.after });
  }

  /** Writes the stock rows, the ledger, the parts' audit events (step 3) and low-stock alerts (step 4). */
  async flush(tx: DbOrTx, ctx: Pick<AppContext, 'clock' | 'keys'>, actor: Actor): Promise<MovementRow[]> {
    if (!this.ops.length) return [];
    const touched = [...new Set(this.ops.map(keyOf))];
    for (const k of touched) {
      const [warehouseId, partId] = k.split('/') as [string, string];
      const l = this.levels.get(k)!;
      await tx.execute(sql`update stock set on_hand = ${l.onHand}, reserved = ${l.reserved}, updated_at = ${this.now.toISOString()}::timestamptz
        where warehouse_id = ${warehouseId}::uuid and part_id = ${partId}::uuid`);
    }
    const rows = await tx
      .insert(stockMovements)
      .values(
        this.ops.map((op) => {
          const e = MOVEMENT_EFFECT[op.kind];
          return {
            warehouseId: op.warehouseId,
            partId: op.partId,
            kind: op.kind,
            onHandDelta: e.onHand * op.quantity,
            reservedDelta: e.reserved * op.quantity,
            onHandAfter: op.after.onHand,
            reservedAfter: op.after.reserved,
            actorId: actor.id,
            actorName: actor.name,
            reason: op.reason ?? null,
            subjectType: op.subjectType ?? null,
            subjectId: op.subjectId ?? null,
            reservationId: op.reservationId ?? null,
            transferId: op.transferId ?? null,
            serialNumbers: op.serialNumbers ?? null,
            createdAt: this.now,
          };
        }),
      )
      .returning();
    await appendEvents(
      tx,
      ctx,
      rows.map((m) => ({
        subjectType: 'part',
        subjectId: m.partId,
        type: `stock_${m.kind}`,
        actor,
        visibility: 'internal' as const,
        data: {
          movementId: m.id,
          warehouseId: m.warehouseId,
          onHandDelta: m.onHandDelta,
          reservedDelta: m.reservedDelta,
          onHandAfter: m.onHandAfter,
          reservedAfter: m.reservedAfter,
          subjectType: m.subjectType,
          subjectId: m.subjectId,
          reason: m.reason,
        },
      })),
    );
    const alerts = touched.flatMap((k) => {
      const [warehouseId, partId] = k.split('/') as [string, string];
      const part = this.names.parts.get(partId);
      const wh = this.names.warehouses.get(warehouseId);
      const before = this.initial.get(k)!;
      const after = this.levels.get(k)!;
      if (!part || !wh || !alertsLowStock(wh.kind) || !crossesLowStock(before, after, part.lowStockThreshold)) return [];
      return [
        {
          topic: 'parts.low_stock' as const,
          payload: {
            warehouseId,
            warehouseName: wh.name,
            partId,
            partNumber: part.partNumber,
            partName: part.name,
            available: after.onHand - after.reserved,
            threshold: part.lowStockThreshold,
          },
        },
      ];
    });
    await enqueueMany(tx, this.now, alerts);
    return rows;
  }
}

/**
 * The CHECK behind the locks fired (a writer that skipped lockStock, or a bug): still the user's
 * 409 with the documented shape, never a 500. Other errors pass through unchanged.
 */
export function asStockConflict(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const pg = e?.code === '23514' ? e : e?.cause?.code === '23514' ? e.cause : null;
  if (pg && (pg.constraint === 'stock_never_negative' || pg.constraint === 'part_reservations_qty_check')) {
    return new AppError('conflict', {
      message: `check ${pg.constraint} refused a stock change`,
      userMessage: { zh: '库存不足，操作未执行', en: 'Not enough stock: nothing was changed' },
      details: { constraint: pg.constraint },
    });
  }
  return err;
}

/** Runs a stock use case in one transaction, answering a CHECK violation as 409. */
export async function stockTransaction<T>(ctx: Pick<AppContext, 'db'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(fn);
  } catch (err) {
    throw asStockConflict(err);
  }
}
