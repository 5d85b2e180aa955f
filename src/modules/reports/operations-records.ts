import type { AppContext } from '../../context';
import type { KpiQuery } from '../../domain/reports/kpi.schemas';
import { listMovements } from '../parts/stock.service';
import { listRefunds, refundQueueTotals, refundView } from '../refunds/refunds.service';
import { listRmas, rmaViews } from '../returns/returns.service.rma';
import { ticketScopeOf } from './kpi.service';

// 明细 The records behind the operations panel's figures under the dashboard's filters. The returns,
// finance and parts lists know periods but not products, customers or regions (those are the reports
// module's, on its facts table); here the same ticket scope the figures count with is handed to each
// module's own list, so a filtered figure opens exactly the records it counts.

type Filtered = KpiQuery;

/** 退换货 The RMAs behind the RMA figures: requested in the period, an outcome and responsibility if given. */
export async function rmaRecords(
  ctx: Pick<AppContext, 'db'>,
  q: Filtered & { outcome?: 'refund' | 'exchange' | 'reject'; attribution?: Parameters<typeof listRmas>[1]['attribution']; excludeCancelled?: boolean },
) {
  const tickets = await ticketScopeOf(ctx.db, q);
  const { rows, total } = await listRmas(ctx.db, {
    from: q.from,
    to: q.to,
    outcome: q.outcome,
    attribution: q.attribution,
    excludeCancelled: q.excludeCancelled,
    tickets,
  });
  return { items: await rmaViews(ctx.db, rows), total };
}

/** 退款 The refunds behind the refund figures: requested in the period (not cancelled), or those paid. */
export async function refundRecords(ctx: Pick<AppContext, 'db' | 'clock'>, q: Filtered & { queue: 'requested' | 'paid' }) {
  const tickets = await ticketScopeOf(ctx.db, q);
  const query = { queue: q.queue, requestedFrom: q.from, requestedTo: q.to, tickets };
  const [rows, totals] = await Promise.all([listRefunds(ctx, query), refundQueueTotals(ctx, query)]);
  const now = ctx.clock.now();
  return { items: rows.map((r) => refundView(r, now)), ...totals };
}

/** 备件消耗 The consumption movements behind the parts figures, of one part if given, newest first. */
export async function consumptionRecords(ctx: AppContext, q: Filtered & { partId?: string; limit: number; offset: number }) {
  const tickets = await ticketScopeOf(ctx.db, q);
  return listMovements(ctx, { kind: 'consumption', partId: q.partId, from: q.from, to: q.to, limit: q.limit, offset: q.offset, tickets });
}
