import { and, gte, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inTicketScope, type TicketScope } from '../../db/ticket-scope';
import type { RmaAttribution } from '../../domain/returns/rma.status';
import { rmaOrders } from './rma.tables';

/**
 * 退换货统计 The RMAs requested in a period for the quality reports: per local month, kind (return /
 * exchange) and reason, and the decided ones by outcome and responsibility (责任归属, 003 §八).
 * With `tickets` (the dashboard's filters, src/db/ticket-scope.ts) only the RMAs of those tickets count:
 * every RMA belongs to the ticket it was asked on. Exported for the reports module, which never reads this table.
 */
export async function rmaFigures(db: DbOrTx, q: { start: Date; end: Date; tickets?: TicketScope }) {
  const inPeriod = and(
    gte(rmaOrders.createdAt, q.start),
    lt(rmaOrders.createdAt, q.end),
    sql`${rmaOrders.status} <> 'cancelled'`,
    inTicketScope(rmaOrders.ticketId, q.tickets),
  );
  const month = sql<string>`to_char(${rmaOrders.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const [byMonth, byAttribution] = await Promise.all([
    db
      .select({ month, kind: rmaOrders.kind, reason: rmaOrders.reason, count: sql<number>`count(*)` })
      .from(rmaOrders)
      .where(inPeriod)
      .groupBy(sql`1`, rmaOrders.kind, rmaOrders.reason)
      .orderBy(sql`1`, rmaOrders.kind, rmaOrders.reason),
    db
      .select({ outcome: rmaOrders.outcome, attribution: rmaOrders.attribution, count: sql<number>`count(*)` })
      .from(rmaOrders)
      .where(and(inPeriod, sql`${rmaOrders.outcome} is not null`))
      .groupBy(rmaOrders.outcome, rmaOrders.attribution)
      .orderBy(rmaOrders.outcome, rmaOrders.attribution),
  ]);
  return {
    byMonth: byMonth.map((r) => ({ month: r.month, kind: r.kind, reason: r.reason, count: Number(r.count) })),
    byOutcome: byAttribution.map((r) => ({ outcome: r.outcome!, attribution: (r.attribution ?? null) as RmaAttribution | null, count: Number(r.count) })),
  };
}
export type RmaFigures = Awaited<ReturnType<typeof rmaFigures>>;
