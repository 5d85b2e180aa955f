import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { OLD_PART_LIFECYCLE, type oldPartMoveSchema, type OldPartStatus } from '../../domain/parts';
import { AppError } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { unitLabels } from '../products/products.service';
import { oldParts, parts, warehouses } from './parts.tables';

// 旧件返还 The replaced part, recorded against the unit it came out of, tracked until the station has
// it (expected → shipped → received), then returned to the maker (in warranty) or scrapped.

export type OldPartRow = typeof oldParts.$inferSelect;
const OUTSTANDING: OldPartStatus[] = ['expected', 'shipped'];

export async function recordOldPart(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'clock' | 'keys'>,
  input: Pick<OldPartRow, 'partId' | 'serialUnitId' | 'serialNumber' | 'subjectType' | 'subjectId' | 'reservationId' | 'warehouseId' | 'inWarranty'>,
  actor: Actor,
): Promise<OldPartRow> {
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(oldParts)
    .values({ id: randomUUID(), ...input, status: 'expected', trackingNumber: null, createdAt: now, updatedAt: now, receivedAt: null })
    .returning();
  await appendEvent(tx, ctx, { subjectType: 'old_part', subjectId: row!.id, type: 'old_part_expected', actor, data: { ...input }, newSubject: true });
  return row!;
}

function oldPartNotFound(id: string) {
  return new AppError('not_found', {
    message: `old part ${id} not found`,
    userMessage: { zh: `旧件记录不存在：${id}`, en: `Old part not found: ${id}` },
    details: { resource: 'old part', id },
  });
}

/**
 * Moves an old part along its lifecycle (409 for a move the table does not allow). `scope` refuses
 * a caller who may not touch this one (an engineer, for another engineer's old part).
 */
export async function moveOldPart(
  ctx: AppContext,
  id: string,
  input: z.infer<typeof oldPartMoveSchema>,
  actor: Actor,
  scope?: (row: OldPartRow) => Promise<void>,
): Promise<OldPartRow> {
  return ctx.db.transaction(async (tx) => {
    // Step 1: the old part is its own subject row, then its chain.
    const [row] = await tx.select().from(oldParts).where(eq(oldParts.id, id)).for('update');
    if (!row) throw oldPartNotFound(id);
    await scope?.(row);
    OLD_PART_LIFECYCLE.assertTransition(row.status, input.to, { inWarranty: row.inWarranty, trackingNumber: input.trackingNumber });
    const now = ctx.clock.now();
    const [updated] = await tx
      .update(oldParts)
      .set({
        status: input.to,
        updatedAt: now,
        ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}),
        ...(input.to === 'received' ? { receivedAt: now } : {}),
      })
      .where(eq(oldParts.id, id))
      .returning();
    await appendEvent(tx, ctx, {
      subjectType: 'old_part',
      subjectId: id,
      type: `old_part_${input.to}`,
      actor,
      body: input.note ?? null,
      data: { from: row.status, to: input.to, trackingNumber: input.trackingNumber ?? null },
    });
    return updated!;
  });
}

export async function getOldPart(db: DbOrTx, id: string): Promise<OldPartRow> {
  const [row] = await db.select().from(oldParts).where(eq(oldParts.id, id));
  if (!row) throw oldPartNotFound(id);
  return row;
}

/** Old parts with their part, unit and warehouse named; outstanding (待返还清单) oldest first. */
export async function listOldParts(
  ctx: AppContext,
  q: { outstanding?: 'true' | 'false'; serialUnitId?: string; warehouseIds?: string[]; limit: number; offset: number },
) {
  const conds: SQL[] = [];
  if (q.outstanding === 'true') conds.push(inArray(oldParts.status, OUTSTANDING));
  if (q.serialUnitId) conds.push(eq(oldParts.serialUnitId, q.serialUnitId));
  if (q.warehouseIds) conds.push(q.warehouseIds.length ? inArray(oldParts.warehouseId, q.warehouseIds) : sql`false`);
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    ctx.db
      .select({ o: oldParts, partNumber: parts.partNumber, partName: parts.name, warehouseName: warehouses.name })
      .from(oldParts)
      .innerJoin(parts, eq(parts.id, oldParts.partId))
      .innerJoin(warehouses, eq(warehouses.id, oldParts.warehouseId))
      .where(where)
      .orderBy(q.outstanding === 'true' ? oldParts.createdAt : desc(oldParts.createdAt))
      .limit(q.limit)
      .offset(q.offset),
    ctx.db
      .select({ total: sql<number>`count(*)::int` })
      .from(oldParts)
      .where(where),
  ]);
  const units = await unitLabels(
    ctx.db,
    rows.map((r) => r.o.serialUnitId),
  );
  return {
    items: rows.map((r) => ({
      ...r.o,
      partNumber: r.partNumber,
      partName: r.partName,
      warehouseName: r.warehouseName,
      unitSerialNumber: units.get(r.o.serialUnitId)?.serialNumber ?? null,
      unitModelNumber: units.get(r.o.serialUnitId)?.modelNumber ?? null,
    })),
    total,
  };
}
