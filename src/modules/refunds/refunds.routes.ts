import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import { REFUND_FINANCE, REFUND_READERS } from '../../domain/refund/refund.roles';
import { REFUND_LIFECYCLE, REFUND_STATUSES } from '../../domain/refund/refund.status';
import { civilDateSchema } from '../../domain/returns/rma.schemas';
import { currentActor } from '../../http/auth';
import { errorResponse, rawResponse, sendFile } from '../../http/contract';
import { loadTicket } from '../tickets/tickets.service';
import * as refunds from './refunds.service';
import { REFUND_QUEUES } from './refunds.view';
import type { RefundRow } from './refunds.tables';

const idParams = z.object({ id: z.uuid() });
const tags = ['refunds'];
const conflict = { 409: errorResponse('Not allowed in the refund’s current state (paid already, …): `details.allowed` lists the moves (illegal_transition)') };
const queueQuery = z.object({
  queue: z.enum(REFUND_QUEUES).default('due'),
  /** Paid queue: paid on or after this day (China time), for reconciliation per period. */
  paidFrom: civilDateSchema.optional(),
  paidTo: civilDateSchema.optional(),
  /** Requested from / up to this day (China time, inclusive): the dashboard's period. */
  requestedFrom: civilDateSchema.optional(),
  requestedTo: civilDateSchema.optional(),
});

export function refundRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const view = (r: RefundRow) => refunds.refundView(r, ctx.clock.now());
  return async (app) => {
    app.get(
      '/refunds/lifecycle',
      {
        config: { access: REFUND_READERS },
        schema: {
          operationId: 'getRefundLifecycle',
          tags,
          summary: '退款单状态表 Refund statuses, labels and allowed moves',
          response: {
            200: z.object({
              statuses: z.array(z.enum(REFUND_STATUSES)),
              labels: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
              transitions: z.record(z.string(), z.array(z.enum(REFUND_STATUSES))),
            }),
          },
        },
      },
      async () => ({
        statuses: [...REFUND_LIFECYCLE.statuses],
        labels: REFUND_LIFECYCLE.labels,
        transitions: Object.fromEntries(REFUND_LIFECYCLE.statuses.map((s) => [s, REFUND_LIFECYCLE.allowedMoves(s)])),
      }),
    );
    app.get(
      '/refunds',
      {
        config: { access: REFUND_READERS },
        schema: {
          operationId: 'listRefunds',
          tags,
          summary: '财务退款队列 Refunds due, overdue, paid or requested in a period (with how many and their total)',
          description: '`total` and `totalFen` cover every match; `items` the first 200.',
          querystring: queueQuery,
          response: { 200: z.object({ items: z.array(refunds.refundOut), total: z.number().int(), totalFen: z.number().int() }) },
        },
      },
      async (req) => {
        const [rows, totals] = await Promise.all([refunds.listRefunds(ctx, req.query), refunds.refundQueueTotals(ctx, req.query)]);
        return { items: rows.map(view), ...totals };
      },
    );
    app.get(
      '/refunds/export.xlsx',
      {
        config: { access: REFUND_FINANCE },
        schema: {
          operationId: 'exportRefunds',
          tags,
          summary: '导出退款 Excel for the bank batch (amounts in 元, total row)',
          querystring: queueQuery,
          response: {
            200: rawResponse('The workbook', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', z.string().meta({ format: 'binary' })),
          },
        },
      },
      async (req, reply) => {
        const bytes = await refunds.refundsWorkbook(await refunds.listRefunds(ctx, { ...req.query, limit: 5000 }));
        return sendFile(reply, bytes, `退款-${req.query.queue}.xlsx`, 'xlsx');
      },
    );
    app.get(
      '/refunds/:id',
      {
        config: { access: REFUND_READERS },
        schema: {
          operationId: 'getRefund',
          tags,
          summary: '退款单 One refund with its due-date rules',
          params: idParams,
          response: { 200: refunds.refundOut },
        },
      },
      async (req) => view(await refunds.findRefund(ctx.db, req.params.id)),
    );
    app.get(
      '/tickets/:ticketId/refunds',
      {
        config: { access: REFUND_READERS },
        schema: {
          operationId: 'listTicketRefunds',
          tags,
          summary: '工单的退款单 Refunds of a ticket',
          params: z.object({ ticketId: z.uuid() }),
          response: { 200: z.object({ items: z.array(refunds.refundOut) }) },
        },
      },
      async (req) => {
        await loadTicket(ctx.db, req.params.ticketId);
        return { items: (await refunds.refundsOfTicket(ctx.db, req.params.ticketId)).map(view) };
      },
    );

    const write = <B extends z.ZodType>(
      path: string,
      operationId: string,
      summary: string,
      body: B | undefined,
      run: (id: string, b: z.output<B>, a: Actor) => Promise<RefundRow>,
    ) =>
      app.post(
        `/refunds/:id/${path}`,
        {
          config: { access: REFUND_FINANCE },
          schema: { operationId, tags, summary, params: idParams, ...(body ? { body } : {}), response: { 200: refunds.refundOut, ...conflict } },
        },
        async (req) => view(await run(req.params.id, req.body as z.output<B>, currentActor(req))),
      );
    write('approve', 'approveRefund', '审批退款 Finance approves the refund', undefined, (id, _b, a) => refunds.approveRefund(ctx, id, a));
    write(
      'pay',
      'payRefund',
      '已付款 The refund was paid back by the original method (with reference)',
      z.object({ reference: z.string().trim().min(1).max(100) }),
      (id, b, a) => refunds.payRefund(ctx, id, b, a),
    );
    write(
      'fail',
      'failRefund',
      '退款失败 The payment failed: reason and new date (the customer is told)',
      z.object({ reason: z.string().trim().min(1).max(1000), newDueOn: civilDateSchema }),
      (id, b, a) => refunds.failRefund(ctx, id, b, a),
    );
    write('cancel', 'cancelRefund', '取消退款 Cancel the refund (with a reason)', z.object({ reason: z.string().trim().min(1).max(1000) }), (id, b, a) =>
      refunds.cancelRefund(ctx, id, b, a),
    );
  };
}
