import { and, asc, desc, eq, gte, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { inTicketScope, type TicketScope } from '../../db/ticket-scope';
import { REFUND_LIFECYCLE, REFUND_STATUSES } from '../../domain/refund/refund.status';
import { localDate } from '../../domain/shared/local-date';
import { refunds, type RefundRow } from './refunds.tables';

// Response schema built by picking fields (a new column never leaks by accident).
export const refundOut = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  rmaId: z.uuid().nullable(),
  number: z.string(),
  status: z.enum(REFUND_STATUSES),
  statusLabel: z.object({ zh: z.string(), en: z.string() }),
  allowedMoves: z.array(z.enum(REFUND_STATUSES)),
  amountFen: z.number().int(),
  lines: z.array(z.object({ kind: z.string(), label: z.string(), amountFen: z.number().int(), rule: z.string() })),
  paymentMethod: z.string(),
  requestedOn: z.string(),
  dueOn: z.string(),
  /** Open and past its due day (China time). */
  overdue: z.boolean(),
  dueRules: z.array(z.object({ rule: z.string(), text: z.object({ zh: z.string(), en: z.string() }), dueOn: z.string() })),
  bindingRule: z.string(),
  approvedAt: z.date().nullable(),
  approvedByName: z.string().nullable(),
  paidAt: z.date().nullable(),
  reference: z.string().nullable(),
  failures: z.array(z.object({ reason: z.string(), newDueOn: z.string(), at: z.string(), byName: z.string() })),
  createdAt: z.date(),
});
export type RefundView = z.input<typeof refundOut>;

export function refundView(r: RefundRow, now: Date): RefundView {
  return {
    id: r.id,
    ticketId: r.ticketId,
    rmaId: r.rmaId,
    number: r.number,
    status: r.status,
    statusLabel: REFUND_LIFECYCLE.labels[r.status],
    allowedMoves: REFUND_LIFECYCLE.allowedMoves(r.status),
    amountFen: r.amountFen,
    lines: r.lines,
    paymentMethod: r.paymentMethod,
    requestedOn: r.requestedOn,
    dueOn: r.dueOn,
    overdue: REFUND_LIFECYCLE.isOpen(r.status) && r.dueOn < localDate(now),
    dueRules: r.dueRules,
    bindingRule: r.bindingRule,
    approvedAt: r.approvedAt,
    approvedByName: r.approvedByName,
    paidAt: r.paidAt,
    reference: r.reference,
    failures: r.failures,
    createdAt: r.createdAt,
  };
}

/** `requested`: every refund but the cancelled ones (the dashboard's 申请退款 figure). */
export const REFUND_QUEUES = ['due', 'overdue', 'paid', 'requested', 'all'] as const;
export type RefundQueue = (typeof REFUND_QUEUES)[number];

/**
 * 财务队列 Finance's queues: due (open, by due date), overdue (open and past the due day), paid (newest
 * first, optionally within a paid period for reconciliation).
 */
export interface RefundQueueQuery {
  queue: RefundQueue;
  paidFrom?: string;
  paidTo?: string;
  /** The dashboard's period: requested on these local days (inclusive), as refundFigures counts them. */
  requestedFrom?: string;
  requestedTo?: string;
  /** Only the refunds of these tickets (the dashboard's filters, src/db/ticket-scope.ts), as refundFigures counts them. */
  tickets?: TicketScope;
}

function queueWhere(q: RefundQueueQuery, today: string): SQL | undefined {
  const open = inArray(refunds.status, [...REFUND_LIFECYCLE.openStatuses]);
  const requested = and(
    q.requestedFrom ? gte(refunds.requestedOn, q.requestedFrom) : undefined,
    q.requestedTo ? lte(refunds.requestedOn, q.requestedTo) : undefined,
  );
  if (q.queue === 'paid') {
    const from = q.paidFrom ? sql`${q.paidFrom}::date::timestamp at time zone 'Asia/Shanghai'` : undefined;
    const to = q.paidTo ? sql`(${q.paidTo}::date + 1)::timestamp at time zone 'Asia/Shanghai'` : undefined;
    return and(
      eq(refunds.status, 'paid'),
      from ? gte(refunds.paidAt, from) : undefined,
      to ? lt(refunds.paidAt, to) : undefined,
      requested,
      inTicketScope(refunds.ticketId, q.tickets),
    );
  }
  const queue =
    q.queue === 'overdue'
      ? and(open, lt(refunds.dueOn, today))
      : q.queue === 'due'
        ? open
        : q.queue === 'requested'
          ? ne(refunds.status, 'cancelled')
          : undefined;
  return and(queue, requested, inTicketScope(refunds.ticketId, q.tickets));
}

export async function listRefunds(ctx: Pick<AppContext, 'db' | 'clock'>, q: RefundQueueQuery & { limit?: number }): Promise<RefundRow[]> {
  const where = queueWhere(q, localDate(ctx.clock.now()));
  const order = q.queue === 'paid' ? [desc(refunds.paidAt), asc(refunds.id)] : [asc(refunds.dueOn), asc(refunds.id)];
  return ctx.db
    .select()
    .from(refunds)
    .where(where)
    .orderBy(...order)
    .limit(q.limit ?? 200);
}

/** How many refunds a queue holds and their amount, all of them (the list shows the first 200). */
export async function refundQueueTotals(ctx: Pick<AppContext, 'db' | 'clock'>, q: RefundQueueQuery): Promise<{ total: number; totalFen: number }> {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${refunds.amountFen}), 0)` })
    .from(refunds)
    .where(queueWhere(q, localDate(ctx.clock.now())));
  return { total: Number(r?.n ?? 0), totalFen: Number(r?.fen ?? 0) };
}

export function refundsOfTicket(db: DbOrTx, ticketId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.ticketId, ticketId)).orderBy(asc(refunds.createdAt));
}
