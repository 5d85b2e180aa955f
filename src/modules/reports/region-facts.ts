import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { TopicPayload } from '../../jobs/catalogue';
import { areaProvinces, type AreaFilter } from '../customers/regions.service';
import { reportTicketFacts as f } from './reports.tables';

// 地区 in the figures: each fact row keeps its customer's province (refreshTicketFacts reads it from the
// customers module); the 大区 is looked up when a report asks, so an administrator's regrouping of
// provinces applies to every period at once without rewriting a row.

/** A customer moved to another province: its tickets' rows follow (one statement; a customer's tickets are few). */
export async function followCustomerProvince(db: DbOrTx, p: TopicPayload<'customer.province_changed'>): Promise<void> {
  await db.update(f).set({ province: p.province }).where(eq(f.customerId, p.customerId));
}

/** The region or province filter as a condition on the fact rows, or nothing when not filtered. */
export async function areaCondition(db: DbOrTx, q: AreaFilter): Promise<SQL[]> {
  const provinces = await areaProvinces(db, q);
  if (provinces === null) return [];
  return [provinces.length ? inArray(f.province, provinces) : sql`false`];
}
