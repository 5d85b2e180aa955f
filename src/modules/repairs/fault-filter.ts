import { sql, type SQL } from 'drizzle-orm';

/**
 * The tickets diagnosed with a fault category (故障类别) on a repair order that was not cancelled, as a
 * subquery the queue puts in its WHERE (`ticket id in (…)`): a common category is tens of thousands of
 * tickets at a million, too many to pass as a list. Served by repair_orders_fault_idx alone. The
 * dashboard counts a ticket under its first diagnosed category; a ticket whose repairs were
 * diagnosed differently appears under each (rare, and the list then shows more, never fewer).
 */
export function ticketsDiagnosedWith(faultCategory: string): SQL {
  return sql`select ticket_id from repair_orders where fault_category = ${faultCategory} and fault_category is not null and status <> 'cancelled'`;
}
