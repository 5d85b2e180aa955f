import { inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { TicketListQuery } from '../../domain/ticket/ticket.schemas';
import { areaCustomerIds } from '../customers/regions.service';
import { modelIdsInCategory, unitIdsInBatch } from '../products/products.service';
import { ticketsDiagnosedWith } from '../repairs/fault-filter';
import { tickets } from './tickets.tables';

// The queue's filters on what other modules own (the dashboard's dimensions, issue 15): 产品类别,
// 批次, 故障类别 and 地区. None adds an index to tickets (each would cost every ticket creation):
// the owning module turns the filter into ids the tickets' existing indexes answer — models
// (product_model_id, read in the sort's order), units (tickets_serial_idx), customers (tickets_customer_idx) — or, for a fault
// category whose tickets may be tens of thousands, a subquery on its own index. A common value is
// found walking the sort's index (a page needs 50 matches); a rare one from those indexes directly.
// The planner picks between them with the array size; measured plans in docs/queue-filters.md.

/** An id list as one array parameter (`= any($1)`): the planner hashes it, and no list outgrows the parameter limit. */
const anyOf = (col: SQL | typeof tickets.customerId, ids: string[]): SQL => (ids.length ? sql`${col} = any(${`{${ids.join(',')}}`}::uuid[])` : sql`false`);

export async function dimensionFilters(db: DbOrTx, q: TicketListQuery): Promise<SQL[]> {
  const [models, units, customers] = await Promise.all([
    q.productCategory ? modelIdsInCategory(db, q.productCategory) : null,
    q.batch ? unitIdsInBatch(db, q.batch) : null,
    areaCustomerIds(db, { regionId: q.regionId, province: q.province }),
  ]);
  const conds: SQL[] = [];
  // A category is a handful of models: the literal list lets the planner use each model's statistics.
  if (models) conds.push(models.length ? inArray(tickets.productModelId, models) : sql`false`);
  if (units) conds.push(anyOf(sql`${tickets.serialUnitId}`, units));
  if (customers) conds.push(anyOf(sql`${tickets.customerId}`, customers));
  if (q.faultCategory) conds.push(sql`${tickets.id} in (${ticketsDiagnosedWith(q.faultCategory)})`);
  return conds;
}
