import { randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { productModelCreateSchema, productModelPatchSchema, serialUnitCreateSchema, serialUnitPatchSchema } from '../../domain/product/product.schemas';
import { localDate } from '../../domain/shared/local-date';
import { invalidField, notFound } from '../../domain/shared/errors';
import { warrantyStatus } from '../../domain/warranty/warranty';
import { appendEvent } from '../audit/audit.service';
import { customerNames } from '../customers/customers.service';
import { productModels, serialUnits } from './products.tables';

type ModelRow = typeof productModels.$inferSelect;
type UnitRow = typeof serialUnits.$inferSelect;
const like = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

export async function createProductModel(ctx: AppContext, input: z.infer<typeof productModelCreateSchema>, actor: Actor) {
  return ctx.db.transaction(async (tx) => {
    const row = { id: randomUUID(), ...input, createdAt: ctx.clock.now() };
    const [inserted] = await tx.insert(productModels).values(row).onConflictDoNothing().returning();
    if (!inserted) throw invalidField('modelNumber', '型号已存在', 'Model number already exists', 'duplicate');
    await appendEvent(tx, ctx, { subjectType: 'product_model', subjectId: row.id, type: 'product_model_created', actor, data: { after: input } });
    return inserted;
  });
}

export async function updateProductModel(ctx: AppContext, id: string, patch: z.infer<typeof productModelPatchSchema>, actor: Actor) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(productModels).where(eq(productModels.id, id)).for('update');
    if (!before) throw notFound('product model', id);
    if (patch.modelNumber && patch.modelNumber !== before.modelNumber) {
      const dup = await tx.select({ id: productModels.id }).from(productModels).where(eq(productModels.modelNumber, patch.modelNumber));
      if (dup.length) throw invalidField('modelNumber', '型号已存在', 'Model number already exists', 'duplicate');
    }
    const [after] = await tx.update(productModels).set(patch).where(eq(productModels.id, id)).returning();
    await appendEvent(tx, ctx, { subjectType: 'product_model', subjectId: id, type: 'product_model_updated', actor, data: { before, after: patch } });
    return after!;
  });
}

export async function getProductModel(db: DbOrTx, id: string): Promise<ModelRow> {
  const [row] = await db.select().from(productModels).where(eq(productModels.id, id));
  if (!row) throw notFound('product model', id);
  return row;
}

export async function listProductModels(ctx: AppContext, q: { q?: string; limit: number; offset: number }) {
  const where = q.q ? or(ilike(productModels.modelNumber, like(q.q)), ilike(productModels.name, like(q.q))) : undefined;
  const [items, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db.select().from(productModels).where(where).orderBy(asc(productModels.modelNumber)).limit(q.limit).offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(productModels)
      .where(where),
  ]);
  return { items, total };
}

export interface SerialUnitView extends UnitRow {
  model: { id: string; modelNumber: string; name: string; category: string; warrantyMonths: number; customMade: boolean; safetyRelevant: boolean };
  warranty: ReturnType<typeof warrantyStatus>;
}

function unitView(unit: UnitRow, model: ModelRow, today: string): SerialUnitView {
  return {
    ...unit,
    model: {
      id: model.id,
      modelNumber: model.modelNumber,
      name: model.name,
      category: model.category,
      warrantyMonths: model.warrantyMonths,
      customMade: model.customMade,
      safetyRelevant: model.safetyRelevant,
    },
    warranty: warrantyStatus(unit.purchaseDate, model.warrantyMonths, today),
  };
}

/** The owner must exist and a purchase cannot lie in the future (it would count as in warranty). */
async function assertUnitFields(tx: DbOrTx, ctx: AppContext, input: { customerId?: string | null; purchaseDate?: string | null; deliveredAt?: string | null }) {
  // Checked, not caught: a database error must stay a database error, not become "no such customer".
  if (input.customerId && !(await customerNames(tx, [input.customerId])).has(input.customerId)) {
    throw invalidField('customerId', '客户不存在', 'Customer does not exist', 'not_found');
  }
  const today = localDate(ctx.clock.now());
  if (input.purchaseDate && input.purchaseDate > today)
    throw invalidField('purchaseDate', '购买日期不能晚于今天', 'The purchase date cannot be in the future', 'future');
  if (input.deliveredAt && input.deliveredAt > today)
    throw invalidField('deliveredAt', '交付日期不能晚于今天', 'The delivery date cannot be in the future', 'future');
}

export async function createSerialUnit(ctx: AppContext, input: z.infer<typeof serialUnitCreateSchema>, actor: Actor) {
  const id = await ctx.db.transaction(async (tx) => {
    const model = await tx.select({ id: productModels.id }).from(productModels).where(eq(productModels.id, input.productModelId));
    if (!model.length) throw invalidField('productModelId', '产品型号不存在', 'Product model does not exist', 'not_found');
    await assertUnitFields(tx, ctx, input);
    const row = { id: randomUUID(), ...input, customerId: input.customerId ?? null, createdAt: ctx.clock.now() };
    const [inserted] = await tx.insert(serialUnits).values(row).onConflictDoNothing().returning();
    if (!inserted) throw invalidField('serialNumber', '该型号下序列号已存在', 'Serial number already exists for this model', 'duplicate');
    await appendEvent(tx, ctx, { subjectType: 'serial_unit', subjectId: row.id, type: 'serial_unit_created', actor, data: { after: input } });
    return row.id;
  });
  return getSerialUnit(ctx, id);
}

export async function updateSerialUnit(ctx: AppContext, id: string, patch: z.infer<typeof serialUnitPatchSchema>, actor: Actor) {
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(serialUnits).where(eq(serialUnits.id, id)).for('update');
    if (!before) throw notFound('serial unit', id);
    await assertUnitFields(tx, ctx, patch);
    await tx.update(serialUnits).set(patch).where(eq(serialUnits.id, id));
    await appendEvent(tx, ctx, { subjectType: 'serial_unit', subjectId: id, type: 'serial_unit_updated', actor, data: { before, after: patch } });
  });
  return getSerialUnit(ctx, id);
}

export async function getSerialUnit(ctx: Pick<AppContext, 'db' | 'clock'>, id: string): Promise<SerialUnitView> {
  const [row] = await ctx.db
    .select({ u: serialUnits, m: productModels })
    .from(serialUnits)
    .innerJoin(productModels, eq(productModels.id, serialUnits.productModelId))
    .where(eq(serialUnits.id, id));
  if (!row) throw notFound('serial unit', id);
  return unitView(row.u, row.m, localDate(ctx.clock.now()));
}

export async function listSerialUnits(
  ctx: AppContext,
  q: { q?: string; serialNumber?: string; customerId?: string; productModelId?: string; limit: number; offset: number },
) {
  const conds: SQL[] = [];
  if (q.serialNumber) conds.push(eq(serialUnits.serialNumber, q.serialNumber));
  if (q.q) conds.push(or(ilike(serialUnits.serialNumber, like(q.q)), ilike(serialUnits.batch, like(q.q)))!);
  if (q.customerId) conds.push(eq(serialUnits.customerId, q.customerId));
  if (q.productModelId) conds.push(eq(serialUnits.productModelId, q.productModelId));
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select({ u: serialUnits, m: productModels })
      .from(serialUnits)
      .innerJoin(productModels, eq(productModels.id, serialUnits.productModelId))
      .where(where)
      .orderBy(asc(serialUnits.serialNumber))
      .limit(q.limit)
      .offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(serialUnits)
      .where(where),
  ]);
  const today = localDate(ctx.clock.now());
  return { items: rows.map((r) => unitView(r.u, r.m, today)), total };
}

/** Resolves a serial number typed at intake; ambiguous when two models share it. */
export async function findUnitBySerial(db: DbOrTx, serialNumber: string): Promise<UnitRow[]> {
  return db.select().from(serialUnits).where(eq(serialUnits.serialNumber, serialNumber)).limit(2);
}

export async function findUnitById(db: DbOrTx, id: string): Promise<UnitRow | null> {
  const [row] = await db.select().from(serialUnits).where(eq(serialUnits.id, id));
  return row ?? null;
}

/** Whole unit rows by id, for batch readers (absent ids are left out). */
export async function findUnitsById(db: DbOrTx, ids: readonly string[]): Promise<Map<string, UnitRow>> {
  const rows = ids.length
    ? await db
        .select()
        .from(serialUnits)
        .where(inArray(serialUnits.id, [...ids]))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Whole model rows by id, for batch readers (absent ids are left out). */
export async function productModelsById(db: DbOrTx, ids: readonly string[]): Promise<Map<string, ModelRow>> {
  const rows = ids.length
    ? await db
        .select()
        .from(productModels)
        .where(inArray(productModels.id, [...ids]))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Serial number and model of each unit id, for lists that label rows with them (not whole rows: findUnitsById). */
export async function unitLabels(db: DbOrTx, ids: string[]) {
  if (!ids.length) return new Map<string, { serialNumber: string; modelNumber: string; modelName: string }>();
  const rows = await db
    .select({ id: serialUnits.id, serialNumber: serialUnits.serialNumber, modelNumber: productModels.modelNumber, modelName: productModels.name })
    .from(serialUnits)
    .innerJoin(productModels, eq(productModels.id, serialUnits.productModelId))
    .where(inArray(serialUnits.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Model number and name of each model id (reports label their figures with them). */
export async function productModelLabels(db: DbOrTx, ids: readonly string[]): Promise<Map<string, { modelNumber: string; name: string; category: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: productModels.id, modelNumber: productModels.modelNumber, name: productModels.name, category: productModels.category })
    .from(productModels)
    .where(inArray(productModels.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The units of one production batch of a model (批次): who to contact when the batch fails. */
export async function unitsOfBatch(db: DbOrTx, productModelId: string, batch: string, limit = 500) {
  return db
    .select({ id: serialUnits.id, serialNumber: serialUnits.serialNumber, customerId: serialUnits.customerId, purchaseDate: serialUnits.purchaseDate })
    .from(serialUnits)
    .where(and(eq(serialUnits.productModelId, productModelId), eq(serialUnits.batch, batch)))
    .orderBy(asc(serialUnits.serialNumber))
    .limit(limit);
}

/** The models of a product category (产品类别): the queue filters tickets by them. */
export async function modelIdsInCategory(db: DbOrTx, category: string): Promise<string[]> {
  const rows = await db.select({ id: productModels.id }).from(productModels).where(eq(productModels.category, category));
  return rows.map((r) => r.id);
}

/**
 * The units of a production batch (批次) across models, as the dashboard names a batch: the queue
 * filters tickets by them through tickets_serial_idx. Read from serial_units_batch_idx; a batch is a
 * few thousand units at most (200,000 units over three years of monthly batches at a million tickets).
 */
export async function unitIdsInBatch(db: DbOrTx, batch: string): Promise<string[]> {
  const rows = await db.select({ id: serialUnits.id }).from(serialUnits).where(eq(serialUnits.batch, batch));
  return rows.map((r) => r.id);
}
