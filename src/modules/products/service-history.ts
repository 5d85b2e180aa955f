// 维修/换货记录 and 主要部件保修期: what the warranty decision needs to know about a unit beyond its
// purchase date. Other modules (warranty, repairs) use these functions, never the tables.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { invalidField, notFound } from '../../domain/shared/errors';
import { localDate } from '../../domain/shared/local-date';
import type { WarrantyUnit } from '../../domain/warranty/warranty-decision';
import type { mainPartsPutSchema, repairRecordSchema } from '../../domain/warranty/warranty.schemas';
import { appendEvent } from '../audit/audit.service';
import { productModelMainParts, productModels, serialUnits, serialUnitServiceHistory } from './products.tables';

type HistoryRow = typeof serialUnitServiceHistory.$inferSelect;
type Ctx = Pick<AppContext, 'clock' | 'keys'>;

export interface HistoryEntryInput {
  note?: string | null;
  /** 'staff' from the API; a capability names itself ('repair') and passes its own id as `sourceRef`. */
  source?: string;
  sourceRef?: string | null;
}

export function historyView(row: HistoryRow) {
  return {
    id: row.id,
    kind: row.kind,
    from: row.fromDate,
    to: row.toDate,
    partsWaiting: row.partsWaitFrom && row.partsWaitTo ? { from: row.partsWaitFrom, to: row.partsWaitTo } : null,
    source: row.source,
    sourceRef: row.sourceRef,
    note: row.note,
    recordedById: row.recordedById,
    recordedAt: row.recordedAt,
  };
}

/** Step 1 of the lock order (src/db/lock-order.ts): the unit row, then its history, then its audit chain. */
async function lockUnit(tx: DbOrTx, unitId: string) {
  const [unit] = await tx.select().from(serialUnits).where(eq(serialUnits.id, unitId)).for('update');
  if (!unit) throw notFound('serial unit', unitId);
  return unit;
}

function assertDay(ctx: Ctx, unit: { purchaseDate: string | null; deliveredAt: string | null }, path: string, day: string) {
  if (day > localDate(ctx.clock.now())) throw invalidField(path, '日期不能晚于今天', 'The date cannot be in the future', 'future');
  const start = unit.purchaseDate ?? unit.deliveredAt;
  if (start && day < start) throw invalidField(path, '日期不能早于购买日期', 'The date cannot be before the purchase date', 'before_purchase');
}

/**
 * Records a repair span inside the caller's transaction (the repair module calls this when a repair
 * is handed over). Recording the same `sourceRef` twice is refused as a duplicate.
 */
export async function recordUnitRepairIn(tx: DbOrTx, ctx: Ctx, unitId: string, input: z.infer<typeof repairRecordSchema> & HistoryEntryInput, actor: Actor) {
  const unit = await lockUnit(tx, unitId);
  assertDay(ctx, unit, 'from', input.from);
  assertDay(ctx, unit, 'to', input.to);
  if (input.partsWaiting) {
    assertDay(ctx, unit, 'partsWaiting.from', input.partsWaiting.from);
    assertDay(ctx, unit, 'partsWaiting.to', input.partsWaiting.to);
  }
  return insertEntry(tx, ctx, unitId, actor, input, {
    kind: 'repair',
    fromDate: input.from,
    toDate: input.to,
    partsWaitFrom: input.partsWaiting?.from ?? null,
    partsWaitTo: input.partsWaiting?.to ?? null,
  });
}

/** Records an exchange (换货) inside the caller's transaction: the 三包 period restarts on that day. */
export async function recordUnitExchangeIn(tx: DbOrTx, ctx: Ctx, unitId: string, input: { on: string } & HistoryEntryInput, actor: Actor) {
  const unit = await lockUnit(tx, unitId);
  assertDay(ctx, unit, 'on', input.on);
  return insertEntry(tx, ctx, unitId, actor, input, { kind: 'exchange', fromDate: input.on, toDate: null, partsWaitFrom: null, partsWaitTo: null });
}

async function insertEntry(
  tx: DbOrTx,
  ctx: Ctx,
  unitId: string,
  actor: Actor,
  input: HistoryEntryInput,
  fields: Pick<HistoryRow, 'kind' | 'fromDate' | 'toDate' | 'partsWaitFrom' | 'partsWaitTo'>,
) {
  const row = {
    id: randomUUID(),
    serialUnitId: unitId,
    ...fields,
    source: input.source ?? 'staff',
    sourceRef: input.sourceRef ?? null,
    note: input.note ?? null,
    recordedById: actor.id ?? null,
    recordedAt: ctx.clock.now(),
  };
  const [inserted] = await tx.insert(serialUnitServiceHistory).values(row).onConflictDoNothing().returning();
  if (!inserted) throw invalidField('sourceRef', '该记录已登记', 'This entry was already recorded', 'duplicate');
  const type = fields.kind === 'repair' ? 'serial_unit_repair_recorded' : 'serial_unit_exchange_recorded';
  await appendEvent(tx, ctx, { subjectType: 'serial_unit', subjectId: unitId, type, actor, data: { after: historyView(inserted) } });
  return historyView(inserted);
}

export const recordUnitRepair = (ctx: AppContext, unitId: string, input: Parameters<typeof recordUnitRepairIn>[3], actor: Actor) =>
  ctx.db.transaction((tx) => recordUnitRepairIn(tx, ctx, unitId, input, actor));
export const recordUnitExchange = (ctx: AppContext, unitId: string, input: Parameters<typeof recordUnitExchangeIn>[3], actor: Actor) =>
  ctx.db.transaction((tx) => recordUnitExchangeIn(tx, ctx, unitId, input, actor));

export async function unitServiceHistory(db: DbOrTx, unitId: string) {
  const rows = await db
    .select()
    .from(serialUnitServiceHistory)
    .where(eq(serialUnitServiceHistory.serialUnitId, unitId))
    .orderBy(asc(serialUnitServiceHistory.fromDate), asc(serialUnitServiceHistory.recordedAt));
  return rows.map(historyView);
}

export async function modelMainParts(db: DbOrTx, modelId: string) {
  return db
    .select({ name: productModelMainParts.name, warrantyMonths: productModelMainParts.warrantyMonths })
    .from(productModelMainParts)
    .where(eq(productModelMainParts.productModelId, modelId))
    .orderBy(asc(productModelMainParts.name));
}

/** Replaces a model's list of main parts with their periods (model row locked first, then its rows, then its chain). */
export async function setModelMainParts(ctx: AppContext, modelId: string, input: z.infer<typeof mainPartsPutSchema>, actor: Actor) {
  return ctx.db.transaction(async (tx) => {
    const [model] = await tx.select().from(productModels).where(eq(productModels.id, modelId)).for('update');
    if (!model) throw notFound('product model', modelId);
    const before = await modelMainParts(tx, modelId);
    await tx.delete(productModelMainParts).where(and(eq(productModelMainParts.productModelId, modelId)));
    if (input.parts.length) await tx.insert(productModelMainParts).values(input.parts.map((p) => ({ productModelId: modelId, ...p })));
    await appendEvent(tx, ctx, {
      subjectType: 'product_model',
      subjectId: modelId,
      type: 'product_model_main_parts_set',
      actor,
      data: { before, after: input.parts },
    });
    return modelMainParts(tx, modelId);
  });
}

export interface UnitWarrantyFacts {
  unit: WarrantyUnit;
  serialUnit: { id: string; serialNumber: string; modelNumber: string; modelName: string };
}

/** Everything the warranty decision needs about one unit: model period, dates, history, main parts. */
export async function unitWarrantyFacts(db: DbOrTx, unitId: string): Promise<UnitWarrantyFacts> {
  const [row] = await db
    .select({ u: serialUnits, m: productModels })
    .from(serialUnits)
    .innerJoin(productModels, eq(productModels.id, serialUnits.productModelId))
    .where(eq(serialUnits.id, unitId));
  if (!row) throw notFound('serial unit', unitId);
  const [history, parts] = await Promise.all([unitServiceHistory(db, unitId), modelMainParts(db, row.m.id)]);
  return {
    unit: {
      warrantyMonths: row.m.warrantyMonths,
      purchaseDate: row.u.purchaseDate,
      deliveryDate: row.u.deliveredAt,
      customMade: row.m.customMade,
      repairs: history.filter((h) => h.kind === 'repair').map((h) => ({ from: h.from, to: h.to!, partsWaiting: h.partsWaiting })),
      exchanges: history.filter((h) => h.kind === 'exchange').map((h) => ({ on: h.from })),
      mainParts: parts,
    },
    serialUnit: { id: row.u.id, serialNumber: row.u.serialNumber, modelNumber: row.m.modelNumber, modelName: row.m.name },
  };
}
