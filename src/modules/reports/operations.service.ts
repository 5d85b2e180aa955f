import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { periodOf } from '../../domain/reports/kpi.schemas';
import type { OperationsReport } from '../../domain/reports/operations';
import { rate } from '../../domain/reports/ticket-outcome';
import { localDate } from '../../domain/shared/local-date';
import { partsFigures } from '../parts/parts.figures';
import { refundFigures } from '../refunds/refunds.figures';
import { rmaFigures } from '../returns/rma.figures';

/** 退换货、退款与备件 The period's returns, refunds and parts, from those modules' exported figures. */
export async function operationsReport(ctx: Pick<AppContext, 'clock'> & { db: DbOrTx }, q: { from: string; to: string }): Promise<OperationsReport> {
  const span = periodOf(q);
  const [rma, refunds, parts] = await Promise.all([
    rmaFigures(ctx.db, span),
    refundFigures(ctx.db, { ...q, today: localDate(ctx.clock.now()) }),
    partsFigures(ctx.db, span),
  ]);
  return {
    from: q.from,
    to: q.to,
    rma: { total: rma.byMonth.reduce((s, r) => s + r.count, 0), ...rma },
    refunds: { ...refunds, onTimeRate: rate(refunds.paidOnTime, refunds.paidOnTime + refunds.paidLate) },
    parts,
  };
}
