import { and, gte, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inTicketScope, type TicketScope } from '../../db/ticket-scope';
import { refunds } from './refunds.tables';

/**
 * 退款统计 The refunds requested in a period (local dates, inclusive) for the quality reports: how many
 * were paid by their legal due date (the binding rule's date, 000 §退款服务 / Consumer Rights Protection
 * Law Art 25 — not a new date promised after a failed payment), paid late, still open past it, and
 * the amounts. With `tickets` (the dashboard's filters, src/db/ticket-scope.ts) only the refunds of
 * those tickets count: every refund names its ticket, the one of its RMA when an RMA opened it.
 * Exported for the reports module, which never reads this table.
 */
export async function refundFigures(db: DbOrTx, q: { from: string; to: string; today: string; tickets?: TicketScope }) {
  const legalDue = sql`coalesce((select (e->>'dueOn')::date from jsonb_array_elements(${refunds.dueRules}) e where e->>'rule' = ${refunds.bindingRule} limit 1), ${refunds.dueOn})`;
  const paidOn = sql`(${refunds.paidAt} at time zone 'Asia/Shanghai')::date`;
  const [r] = await db
    .select({
      requested: sql<number>`count(*) filter (where ${refunds.status} <> 'cancelled')`,
      paidOnTime: sql<number>`count(*) filter (where ${refunds.status} = 'paid' and ${paidOn} <= ${legalDue})`,
      paidLate: sql<number>`count(*) filter (where ${refunds.status} = 'paid' and ${paidOn} > ${legalDue})`,
      openOverdue: sql<number>`count(*) filter (where ${refunds.status} in ('requested','approved','failed') and ${legalDue} < ${q.today}::date)`,
      open: sql<number>`count(*) filter (where ${refunds.status} in ('requested','approved','failed'))`,
      amountPaidFen: sql<string>`coalesce(sum(${refunds.amountFen}) filter (where ${refunds.status} = 'paid'), 0)`,
      amountRequestedFen: sql<string>`coalesce(sum(${refunds.amountFen}) filter (where ${refunds.status} <> 'cancelled'), 0)`,
    })
    .from(refunds)
    .where(and(gte(refunds.requestedOn, q.from), lte(refunds.requestedOn, q.to), inTicketScope(refunds.ticketId, q.tickets)));
  const n = (v: unknown) => Number(v ?? 0);
  return {
    requested: n(r?.requested),
    paidOnTime: n(r?.paidOnTime),
    paidLate: n(r?.paidLate),
    open: n(r?.open),
    openOverdue: n(r?.openOverdue),
    amountPaidFen: n(r?.amountPaidFen),
    amountRequestedFen: n(r?.amountRequestedFen),
  };
}
export type RefundFigures = Awaited<ReturnType<typeof refundFigures>>;
