// 故障类别目录 Use cases of the fault catalogue admins maintain. The pure rules (which codes a diagnosis
// may use, labels) are in src/domain/repair/fault-catalogue.ts and take what loadFaultCatalogue reads.
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import type { FaultEntry, faultCategoryCreateSchema, faultCategoryUpdateSchema } from '../../domain/repair';
import { AppError, notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { faultCategories } from './fault-categories.tables';

export type FaultCategoryRow = typeof faultCategories.$inferSelect;

/** The whole catalogue (retired entries too, for old repairs' labels): a few dozen rows. */
export async function loadFaultCatalogue(db: DbOrTx): Promise<FaultCategoryRow[]> {
  return db.select().from(faultCategories).orderBy(asc(faultCategories.productCategory), asc(faultCategories.sortOrder), asc(faultCategories.code));
}

export const asEntries = (rows: readonly FaultCategoryRow[]): FaultEntry[] =>
  rows.map((r) => ({ productCategory: r.productCategory, code: r.code, zh: r.zh, en: r.en, active: r.active, sortOrder: r.sortOrder }));

function duplicate(productCategory: string, code: string) {
  return new AppError('conflict', {
    message: `fault code ${code} exists in '${productCategory}'`,
    userMessage: {
      zh: `该产品类别下已有故障代码 ${code}`,
      en: `The code ${code} already exists for this product category`,
    },
    details: { productCategory: productCategory || null, code },
  });
}

/** Events of the catalogue go on one chain, so who changed which label and when is on record. */
const CHAIN = { subjectType: 'fault_catalogue', subjectId: '00000000-0000-4000-8000-00000000fa17' } as const;

export async function createFaultCategory(ctx: AppContext, input: z.output<typeof faultCategoryCreateSchema>, actor: Actor): Promise<FaultCategoryRow> {
  const productCategory = input.productCategory ?? '';
  return ctx.db.transaction(async (tx) => {
    const [exists] = await tx
      .select({ id: faultCategories.id })
      .from(faultCategories)
      .where(and(eq(faultCategories.productCategory, productCategory), eq(faultCategories.code, input.code)));
    if (exists) throw duplicate(productCategory, input.code);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(faultCategories)
      .values({ productCategory, code: input.code, zh: input.zh, en: input.en, sortOrder: input.sortOrder, active: true, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw duplicate(productCategory, input.code); // a concurrent twin won
    await appendEvent(tx, ctx, {
      ...CHAIN,
      type: 'fault_category_created',
      actor,
      visibility: 'internal',
      data: { id: row.id, productCategory, code: row.code, zh: row.zh, en: row.en },
    });
    return row;
  });
}

/** Labels, order and active change; the code and product category never do (repair orders keep the code). */
export async function updateFaultCategory(
  ctx: AppContext,
  id: string,
  patch: z.output<typeof faultCategoryUpdateSchema>,
  actor: Actor,
): Promise<FaultCategoryRow> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(faultCategories).where(eq(faultCategories.id, id)).for('update');
    if (!before) throw notFound('fault category', id);
    const [row] = await tx
      .update(faultCategories)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(faultCategories.id, id))
      .returning();
    await appendEvent(tx, ctx, {
      ...CHAIN,
      type: 'fault_category_updated',
      actor,
      visibility: 'internal',
      data: { id, code: before.code, before: { zh: before.zh, en: before.en, active: before.active, sortOrder: before.sortOrder }, after: patch },
    });
    return row!;
  });
}
