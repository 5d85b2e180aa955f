import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { periodOf, type KpiQuery } from '../../domain/reports/kpi.schemas';
import type { OperationsReport } from '../../domain/reports/operations';
import { rate } from '../../domain/reports/ticket-outcome';
import { localDate } from '../../domain/shared/local-date';
import { partsFigures } from '../parts/parts.figures';
import { refundFigures } from '../refunds/refunds.figures';
import { rmaFigures } from '../returns/rma.figures';
import { ticketScopeOf } from './kpi.service';

/**
 * 退换货、退款与备件 The period's returns, refunds and parts, from those modules' exported figures. With
 * any of the dashboard's filters (team, engineer, product, customer, channel, region) they count only
 * the rows of the tickets the filters select, handed over as a subquery on the facts table — never
 * as the other modules reading it; rows without a ticket are then left out.
 */
export async function operationsReport(ctx: Pick<AppContext, 'clock'> & { db: DbOrTx }, q: KpiQuery): Promise<OperationsReport> {
  const span = periodOf(q);
  const tickets = await ticketScopeOf(ctx.db, q);
  const [rma, refunds, parts] = await Promise.all([
    rmaFigures(ctx.db, { ...span, tickets }),
    refundFigures(ctx.db, { from: q.from, to: q.to, today: localDate(ctx.clock.now()), tickets }),
    partsFigures(ctx.db, { ...span, tickets }),
  ]);
  return {
    from: q.from,
    to: q.to,
    rma: { total: rma.byMonth.reduce((s, r) => s + r.count, 0), ...rma },
    refunds: { ...refunds, onTimeRate: rate(refunds.paidOnTime, refunds.paidOnTime + refunds.paidLate) },
    parts,
  };
}
