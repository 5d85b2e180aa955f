import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { provinceLabel, type SalesRegionsInput } from '../../domain/customer/region';
import { notFound } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import { customers, salesRegionProvinces, salesRegions } from './customers.tables';

// 大区 The company's sales regions and the provinces in each. Only administrators change them; every
// other module asks here which provinces or customers a region filter means.

export interface SalesRegion {
  id: string;
  name: string;
  sortOrder: number;
  provinces: string[];
}

/** Changes to the grouping go on one chain, so who regrouped which province and when is on record. */
const CHAIN = { subjectType: 'sales_regions', subjectId: '00000000-0000-4000-8000-0000000d1a9e' } as const;

export async function listSalesRegions(db: DbOrTx): Promise<SalesRegion[]> {
  const [regions, members] = await Promise.all([
    db.select().from(salesRegions).orderBy(asc(salesRegions.sortOrder), asc(salesRegions.name)),
    db.select().from(salesRegionProvinces).orderBy(asc(salesRegionProvinces.province)),
  ]);
  return regions.map((r) => ({
    id: r.id,
    name: r.name,
    sortOrder: r.sortOrder,
    provinces: members.filter((m) => m.regionId === r.id).map((m) => m.province),
  }));
}

/**
 * Replaces the grouping with the one given (the admin screen edits it as a whole): regions keep their
 * ids where given, missing ones are removed, and each province lands in the region that lists it.
 * Nothing stores a region but this table, so no ticket or figure needs rewriting.
 */
export async function replaceSalesRegions(ctx: AppContext, input: SalesRegionsInput, actor: Actor): Promise<SalesRegion[]> {
  await ctx.db.transaction(async (tx) => {
    // One editor at a time: the grouping is read and rewritten as a whole.
    await tx.select({ id: salesRegions.id }).from(salesRegions).for('update');
    const before = await listSalesRegions(tx);
    const known = new Set(before.map((r) => r.id));
    for (const r of input.regions) if (r.id && !known.has(r.id)) throw notFound('sales region', r.id);
    const now = ctx.clock.now();
    const ids = input.regions.map((r) => r.id ?? randomUUID());
    await tx.delete(salesRegionProvinces);
    const removed = before.filter((r) => !ids.includes(r.id)).map((r) => r.id);
    if (removed.length) await tx.delete(salesRegions).where(inArray(salesRegions.id, removed));
    // Names are unique: free the kept regions' names first, so two regions may swap names.
    if (ids.length) {
      for (const id of ids.filter((x) => known.has(x)))
        await tx
          .update(salesRegions)
          .set({ name: `~${id}` })
          .where(eq(salesRegions.id, id));
    }
    for (const [i, r] of input.regions.entries()) {
      const id = ids[i]!;
      if (known.has(id)) await tx.update(salesRegions).set({ name: r.name, sortOrder: i, updatedAt: now }).where(eq(salesRegions.id, id));
      else await tx.insert(salesRegions).values({ id, name: r.name, sortOrder: i, updatedAt: now });
      if (r.provinces.length) await tx.insert(salesRegionProvinces).values(r.provinces.map((province) => ({ province, regionId: id })));
    }
    await appendEvent(tx, ctx, {
      ...CHAIN,
      type: 'sales_regions_changed',
      actor,
      at: now,
      data: {
        before: before.map((r) => ({ name: r.name, provinces: r.provinces })),
        after: input.regions.map((r) => ({ name: r.name, provinces: r.provinces })),
      },
    });
  });
  return listSalesRegions(ctx.db);
}

/** The region a province belongs to, by province code. */
export async function regionsByProvince(db: DbOrTx): Promise<Map<string, { id: string; name: string }>> {
  const rows = await db
    .select({ province: salesRegionProvinces.province, id: salesRegions.id, name: salesRegions.name })
    .from(salesRegionProvinces)
    .innerJoin(salesRegions, eq(salesRegions.id, salesRegionProvinces.regionId));
  return new Map(rows.map((r) => [r.province, { id: r.id, name: r.name }]));
}

/** A customer's place as shown: province code and label, and its region (null when ungrouped). */
export interface CustomerArea {
  province: string | null;
  provinceName: string | null;
  region: { id: string; name: string } | null;
}

export async function areaOf(db: DbOrTx, province: string | null): Promise<CustomerArea> {
  if (!province) return { province: null, provinceName: null, region: null };
  const [row] = await db
    .select({ id: salesRegions.id, name: salesRegions.name })
    .from(salesRegionProvinces)
    .innerJoin(salesRegions, eq(salesRegions.id, salesRegionProvinces.regionId))
    .where(eq(salesRegionProvinces.province, province));
  return { province, provinceName: provinceLabel(province)?.zh ?? null, region: row ?? null };
}

/** A region or province filter (dashboard, queue). */
export interface AreaFilter {
  regionId?: string;
  province?: string;
}

/**
 * The provinces a filter means, or null for no filter. A province outside the chosen region, or a
 * region nobody knows, means no province: the filter then matches nothing.
 */
export async function areaProvinces(db: DbOrTx, f: AreaFilter): Promise<string[] | null> {
  if (!f.regionId && !f.province) return null;
  if (!f.regionId) return [f.province!];
  const rows = await db.select({ province: salesRegionProvinces.province }).from(salesRegionProvinces).where(eq(salesRegionProvinces.regionId, f.regionId));
  const list = rows.map((r) => r.province);
  return f.province ? list.filter((p) => p === f.province) : list;
}

/**
 * The customers a region or province filter means (the queue filters tickets by them, through its
 * customer index), or null for no filter. A region is a few thousand customers at most at a million
 * tickets (20,000 customers in all), read from customers_province_idx.
 */
export async function areaCustomerIds(db: DbOrTx, f: AreaFilter): Promise<string[] | null> {
  const provinces = await areaProvinces(db, f);
  if (provinces === null) return null;
  if (!provinces.length) return [];
  const rows = await db.select({ id: customers.id }).from(customers).where(inArray(customers.province, provinces));
  return rows.map((r) => r.id);
}

/** The province of a customer now (the report facts keep it per ticket). */
export async function customerProvince(db: DbOrTx, customerId: string): Promise<string | null> {
  const [row] = await db.select({ province: customers.province }).from(customers).where(eq(customers.id, customerId));
  return row?.province ?? null;
}

/** The provinces of many customers, by customer id. */
export async function customerProvinces(db: DbOrTx, customerIds: readonly string[]): Promise<Map<string, string | null>> {
  const rows = customerIds.length
    ? await db
        .select({ id: customers.id, province: customers.province })
        .from(customers)
        .where(inArray(customers.id, [...customerIds]))
    : [];
  return new Map(rows.map((r) => [r.id, r.province]));
}

/** Provinces no region lists (shown on the admin screen, so none is forgotten). */
export async function ungroupedProvinces(db: DbOrTx, all: readonly string[]): Promise<string[]> {
  const rows = await db.select({ province: salesRegionProvinces.province }).from(salesRegionProvinces);
  const grouped = new Set(rows.map((r) => r.province));
  return all.filter((p) => !grouped.has(p));
}

/** A customer's place, as a ticket shows it. */
export async function customerArea(db: DbOrTx, customerId: string): Promise<CustomerArea> {
  return areaOf(db, await customerProvince(db, customerId));
}
