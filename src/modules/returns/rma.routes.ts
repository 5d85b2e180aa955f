import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, AppContext } from '../../context';
import { RMA_DECIDERS, RMA_DESK, RMA_LOGISTICS, RMA_READERS, RMA_REVIEWERS } from '../../domain/returns/rma.roles';
import {
  civilDateSchema,
  rmaCancelSchema,
  rmaCreateSchema,
  rmaInspectionSchema,
  rmaOutcomeSchema,
  rmaReviewSchema,
  rmaShipmentSchema,
} from '../../domain/returns/rma.schemas';
import { ATTRIBUTION_LABELS, RMA_ATTRIBUTIONS, RMA_LIFECYCLE, RMA_OUTCOMES, RMA_STATUSES } from '../../domain/returns/rma.status';
import { currentActor } from '../../http/auth';
import { errorResponse, rawResponse, sendPdf } from '../../http/contract';
import { repairsAwaitingShipBack } from '../repairs/repairs.service';
import { loadTicket } from '../tickets/tickets.service';
import * as rma from './returns.service.rma';
import { shippingLabelPdf } from './pdf/shipping-label';
import type { RmaRow } from './rma.tables';

const idParams = z.object({ id: z.uuid() });
const ticketParams = z.object({ ticketId: z.uuid() });
const listQuery = z.object({
  status: z.enum(RMA_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional(),
  /** Requested from / up to this day (China time, inclusive). */
  from: civilDateSchema.optional(),
  to: civilDateSchema.optional(),
  outcome: z.enum(RMA_OUTCOMES).optional(),
  /** 责任归属, or `none` for RMAs without one yet. */
  attribution: z.enum([...RMA_ATTRIBUTIONS, 'none']).optional(),
  excludeCancelled: z.enum(['true', 'false']).optional(),
});
const tags = ['returns'];
const conflict = {
  409: errorResponse('Not allowed in the RMA’s current state: `details.allowed` lists the moves it may make (conflict / illegal_transition)'),
};
const label = z.object({ zh: z.string(), en: z.string() });

export function rmaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const one = async (row: RmaRow) => (await rma.rmaViews(ctx.db, [row]))[0]!;
  return async (app) => {
    app.get(
      '/rmas/lifecycle',
      {
        config: { access: RMA_READERS },
        schema: {
          operationId: 'getRmaLifecycle',
          tags,
          summary: '退换货单状态表 RMA statuses, labels, allowed moves and attributions',
          response: {
            200: z.object({
              statuses: z.array(z.enum(RMA_STATUSES)),
              labels: z.record(z.string(), label),
              transitions: z.record(z.string(), z.array(z.enum(RMA_STATUSES))),
              attributions: z.record(z.string(), label),
            }),
          },
        },
      },
      async () => ({
        statuses: [...RMA_LIFECYCLE.statuses],
        labels: RMA_LIFECYCLE.labels,
        transitions: Object.fromEntries(RMA_LIFECYCLE.statuses.map((s) => [s, RMA_LIFECYCLE.allowedMoves(s)])),
        attributions: ATTRIBUTION_LABELS,
      }),
    );
    app.get(
      '/rmas',
      {
        config: { access: RMA_READERS },
        schema: {
          operationId: 'listRmas',
          tags,
          summary: '退换货单列表 RMAs for service managers (open ones, or one status, a period, an outcome and responsibility), with how many match',
          description: 'The dashboard links its RMA figures here with the same filters; `total` counts every match (the list shows the newest 200).',
          querystring: listQuery,
          response: { 200: z.object({ items: z.array(rma.rmaOut), total: z.number().int() }) },
        },
      },
      async (req) => {
        const q = req.query;
        const { rows, total } = await rma.listRmas(ctx.db, {
          status: q.status,
          open: q.open === 'true',
          from: q.from,
          to: q.to,
          outcome: q.outcome,
          attribution: q.attribution,
          excludeCancelled: q.excludeCancelled === 'true',
        });
        return { items: await rma.rmaViews(ctx.db, rows), total };
      },
    );
    app.get(
      '/logistics/returns',
      {
        config: { access: RMA_READERS },
        schema: {
          operationId: 'listLogisticsReturns',
          tags,
          summary: '物流 Inbound returns, outbound exchanges / send-backs and repaired units to ship back, by due time',
          response: {
            200: z.object({
              items: z.array(rma.rmaOut.extend({ direction: z.enum(['inbound', 'outbound']) })),
              /** 返厂维修待寄回 Repaired units to ship back (repairs module), by due time. */
              repairs: z.array(
                z.object({
                  repairId: z.uuid(),
                  ticketId: z.uuid(),
                  number: z.string(),
                  status: z.string(),
                  serialUnitId: z.uuid().nullable(),
                  dueAt: z.date(),
                  late: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        items: await rma.logisticsQueue(ctx),
        repairs: (await repairsAwaitingShipBack(ctx.db)).sort((a, b) => +a.dueAt - +b.dueAt || a.repairId.localeCompare(b.repairId)),
      }),
    );
    app.get(
      '/tickets/:ticketId/rmas',
      {
        config: { access: RMA_READERS },
        schema: {
          operationId: 'listTicketRmas',
          tags,
          summary: '工单的退换货单 RMAs of a ticket',
          params: ticketParams,
          response: { 200: z.object({ items: z.array(rma.rmaOut) }) },
        },
      },
      async (req) => {
        await loadTicket(ctx.db, req.params.ticketId);
        return { items: await rma.rmaViews(ctx.db, await rma.rmasOfTicket(ctx.db, req.params.ticketId)) };
      },
    );
    app.post(
      '/tickets/:ticketId/rmas',
      {
        config: { access: RMA_DESK },
        schema: {
          operationId: 'createRma',
          tags,
          summary: '退换货申请 Request a return or exchange (proof of purchase, photos, items)',
          params: ticketParams,
          body: rmaCreateSchema,
          response: { 201: rma.rmaOut, ...conflict },
        },
      },
      async (req, reply) => reply.status(201).send(await one(await rma.createRma(ctx, req.params.ticketId, req.body, currentActor(req)))),
    );
    app.get(
      '/rmas/:id',
      {
        config: { access: RMA_READERS },
        schema: { operationId: 'getRma', tags, summary: '退换货单 One RMA with its clocks', params: idParams, response: { 200: rma.rmaOut } },
      },
      async (req) => one(await rma.findRma(ctx.db, req.params.id)),
    );

    const write = <B extends z.ZodType>(
      path: string,
      operationId: string,
      summary: string,
      access: readonly string[],
      body: B | undefined,
      run: (id: string, b: z.output<B>, a: Actor) => Promise<RmaRow>,
    ) =>
      app.post(
        `/rmas/:id/${path}`,
        {
          config: { access: access as never },
          schema: { operationId, tags, summary, params: idParams, ...(body ? { body } : {}), response: { 200: rma.rmaOut, ...conflict } },
        },
        async (req) => one(await run(req.params.id, req.body as z.output<B>, currentActor(req))),
      );
    write('review', 'reviewRma', '审核 Approve (RMA number, return address) or refuse (reason, attribution)', RMA_REVIEWERS, rmaReviewSchema, (id, b, a) =>
      rma.reviewRma(ctx, id, b, a),
    );
    write(
      'customer-shipment',
      'recordRmaCustomerShipment',
      '客户寄回 The customer shipped the goods (courier, tracking number)',
      [...RMA_DESK, 'logistics'],
      rmaShipmentSchema,
      (id, b, a) => rma.recordCustomerShipment(ctx, id, b, a),
    );
    write('receive', 'receiveRma', '到货签收 Logistics received the returned goods', RMA_LOGISTICS, undefined, (id, _b, a) => rma.receiveRma(ctx, id, a));
    write('inspect', 'inspectRma', '检验 Record the condition found (with photos)', RMA_LOGISTICS, rmaInspectionSchema, (id, b, a) =>
      rma.inspectRma(ctx, id, b, a),
    );
    write('outcome', 'decideRmaOutcome', '处理结果 Refund, exchange or reject, with the attribution', RMA_DECIDERS, rmaOutcomeSchema, (id, b, a) =>
      rma.decideRmaOutcome(ctx, id, b, a),
    );
    write(
      'ship',
      'shipRmaOutbound',
      '发货 The exchange unit or the rejected goods left (courier, tracking number)',
      RMA_LOGISTICS,
      rmaShipmentSchema,
      (id, b, a) => rma.shipOutbound(ctx, id, b, a),
    );
    write('cancel', 'cancelRma', '取消 Withdraw the RMA before the goods arrive (reason, attribution)', RMA_DESK, rmaCancelSchema, (id, b, a) =>
      rma.cancelRma(ctx, id, b, a),
    );

    app.get(
      '/rmas/:id/label.pdf',
      {
        config: { access: RMA_READERS },
        schema: {
          operationId: 'downloadRmaShippingLabel',
          tags,
          summary: '快递面单 PDF shipping label: RMA number, addresses, courier and tracking number',
          params: idParams,
          response: { 200: rawResponse('The PDF document', 'application/pdf', z.string().meta({ format: 'binary' })), ...conflict },
        },
      },
      async (req, reply) => {
        const row = await rma.findRma(ctx.db, req.params.id);
        const bytes = await shippingLabelPdf(ctx, row);
        return sendPdf(reply, bytes, `面单-${row.rmaNumber ?? row.number}.pdf`);
      },
    );
  };
}
