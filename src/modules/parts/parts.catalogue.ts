import { randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { partCreateSchema, partPatchSchema, warehouseCreateSchema } from '../../domain/parts';
import { AppError, invalidField } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { assertAssignableUser } from '../identity/identity.service';
import { getProductModel } from '../products/products.service';
import { parts, warehouses } from './parts.tables';
import type { StockNames } from './stock-write';

// 备件目录 and 仓库: the catalogue of parts and the places stock is kept.

export type PartRow = typeof parts.$inferSelect;
export type WarehouseRow = typeof warehouses.$inferSelect;

const like = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

export function partNotFound(id: string): AppError {
  return new AppError('not_found', {
    message: `part ${id} not found`,
    userMessage: { zh: `备件不存在：${id}`, en: `Part not found: ${id}` },
    details: { resource: 'part', id },
  });
}
export function warehouseNotFound(id: string): AppError {
  return new AppError('not_found', {
    message: `warehouse ${id} not found`,
    userMessage: { zh: `仓库不存在：${id}`, en: `Warehouse not found: ${id}` },
    details: { resource: 'warehouse', id },
  });
}

/** Compatible models must exist; read through the products module's exported function. */
async function assertModels(db: DbOrTx, ids: readonly string[]) {
  for (const [i, id] of [...new Set(ids)].entries()) {
    // Checked, not caught as "any error": only a missing model becomes the user's 400.
    const found = await getProductModel(db, id).then(
      () => true,
      (err: unknown) => {
        if (err instanceof AppError && err.code === 'not_found') return false;
        throw err;
      },
    );
    if (!found) throw invalidField(`compatibleModelIds.${i}`, '适用产品型号不存在', 'Compatible product model does not exist', 'not_found');
  }
}

export async function createPart(ctx: AppContext, input: z.infer<typeof partCreateSchema>, actor: Actor): Promise<PartRow> {
  return ctx.db.transaction(async (tx) => {
    await assertModels(tx, input.compatibleModelIds);
    const now = ctx.clock.now();
    const row = { id: randomUUID(), ...input, compatibleModelIds: [...new Set(input.compatibleModelIds)], createdAt: now, updatedAt: now };
    const [inserted] = await tx.insert(parts).values(row).onConflictDoNothing().returning();
    if (!inserted) throw invalidField('partNumber', '备件编号已存在', 'Part number already exists', 'duplicate');
    await appendEvent(tx, ctx, { subjectType: 'part', subjectId: row.id, type: 'part_created', actor, data: { after: input }, newSubject: true });
    return inserted;
  });
}

export async function updatePart(ctx: AppContext, id: string, patch: z.infer<typeof partPatchSchema>, actor: Actor): Promise<PartRow> {
  return ctx.db.transaction(async (tx) => {
    // Step 1 of the lock order: the part row, then its chain.
    const [before] = await tx.select().from(parts).where(eq(parts.id, id)).for('update');
    if (!before) throw partNotFound(id);
    if (patch.compatibleModelIds) await assertModels(tx, patch.compatibleModelIds);
    const set = { ...patch, ...(patch.compatibleModelIds ? { compatibleModelIds: [...new Set(patch.compatibleModelIds)] } : {}), updatedAt: ctx.clock.now() };
    const [after] = await tx.update(parts).set(set).where(eq(parts.id, id)).returning();
    await appendEvent(tx, ctx, { subjectType: 'part', subjectId: id, type: 'part_updated', actor, data: { before, after: patch } });
    return after!;
  });
}

export async function getPart(db: DbOrTx, id: string): Promise<PartRow> {
  const [row] = await db.select().from(parts).where(eq(parts.id, id));
  if (!row) throw partNotFound(id);
  return row;
}

export async function listParts(ctx: AppContext, q: { q?: string; limit: number; offset: number }) {
  const where = q.q ? or(ilike(parts.partNumber, like(q.q)), ilike(parts.name, like(q.q))) : undefined;
  const [items, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db.select().from(parts).where(where).orderBy(asc(parts.partNumber)).limit(q.limit).offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(parts)
      .where(where),
  ]);
  return { items, total };
}

export async function partsByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, PartRow>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await db.select().from(parts).where(inArray(parts.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function createWarehouse(ctx: AppContext, input: z.infer<typeof warehouseCreateSchema>, actor: Actor): Promise<WarehouseRow> {
  return ctx.db.transaction(async (tx) => {
    if (input.ownerUserId) {
      const owner = await assertAssignableUser(tx, input.ownerUserId, 'ownerUserId');
      if (owner.role !== 'engineer') throw invalidField('ownerUserId', '个人库只属于工程师', 'A personal stock belongs to an engineer', 'not_engineer');
    }
    const row = {
      id: randomUUID(),
      code: input.code,
      name: input.name,
      kind: input.kind,
      ownerUserId: input.ownerUserId ?? null,
      region: input.region ?? null,
      createdAt: ctx.clock.now(),
    };
    const [inserted] = await tx.insert(warehouses).values(row).onConflictDoNothing().returning();
    if (!inserted) {
      const codeTaken = (await tx.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.code, input.code))).length > 0;
      throw codeTaken
        ? invalidField('code', '仓库编码已存在', 'Warehouse code already exists', 'duplicate')
        : invalidField('ownerUserId', '该工程师已有个人库', 'This engineer already has a personal stock', 'duplicate');
    }
    await appendEvent(tx, ctx, { subjectType: 'warehouse', subjectId: row.id, type: 'warehouse_created', actor, data: { after: input }, newSubject: true });
    return inserted;
  });
}

export async function listWarehouses(db: DbOrTx, opts: { ownerUserId?: string } = {}): Promise<WarehouseRow[]> {
  return db
    .select()
    .from(warehouses)
    .where(opts.ownerUserId ? and(eq(warehouses.kind, 'engineer'), eq(warehouses.ownerUserId, opts.ownerUserId)) : undefined)
    .orderBy(asc(warehouses.kind), asc(warehouses.code));
}

export async function getWarehouse(db: DbOrTx, id: string): Promise<WarehouseRow> {
  const [row] = await db.select().from(warehouses).where(eq(warehouses.id, id));
  if (!row) throw warehouseNotFound(id);
  return row;
}

/**
 * The parts and warehouses a stock change names, or the 400 naming the first unknown one (checked
 * before any lock: a missing row would otherwise surface as a foreign-key error).
 */
export async function stockNames(
  db: DbOrTx,
  partIds: readonly string[],
  warehouseIds: readonly { id: string; path: string }[],
  partPath: (i: number) => string,
): Promise<StockNames & { partRows: Map<string, PartRow>; warehouseRows: Map<string, WarehouseRow> }> {
  const partRows = await partsByIds(db, partIds);
  partIds.forEach((id, i) => {
    if (!partRows.has(id)) throw invalidField(partPath(i), '备件不存在', 'Part does not exist', 'not_found');
  });
  const ids = [...new Set(warehouseIds.map((w) => w.id))];
  const rows = ids.length ? await db.select().from(warehouses).where(inArray(warehouses.id, ids)) : [];
  const warehouseRows = new Map(rows.map((r) => [r.id, r]));
  for (const w of warehouseIds) if (!warehouseRows.has(w.id)) throw invalidField(w.path, '仓库不存在', 'Warehouse does not exist', 'not_found');
  return {
    partRows,
    warehouseRows,
    parts: new Map([...partRows].map(([id, p]) => [id, { partNumber: p.partNumber, name: p.name, lowStockThreshold: p.lowStockThreshold }])),
    warehouses: new Map([...warehouseRows].map(([id, w]) => [id, { name: w.name, kind: w.kind }])),
  };
}
