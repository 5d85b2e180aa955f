import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';

import { kpiQueryFields, periodCheck } from '../../domain/reports/kpi.schemas';
import { RMA_ATTRIBUTIONS, RMA_OUTCOMES } from '../../domain/returns/rma.status';
import { MANAGERS } from '../../http/auth';
import { movementListItemOut } from '../parts/parts.schemas.out';
import { refundOut } from '../refunds/refunds.service';
import { rmaOut } from '../returns/returns.service.rma';
import { consumptionRecords, refundRecords, rmaRecords } from './operations-records';

const tags = ['reports'];
const FILTERS =
  'The dashboard’s period and filters, as GET /reports/operations counts them: with any filter only the records of the tickets it selects, whenever received.';

export function operationsRecordRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/operations/rmas',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'listOperationsRmas',
          tags,
          summary: '退换货明细 The RMAs behind the dashboard’s RMA figures (newest 200, and how many)',
          description: FILTERS,
          querystring: kpiQueryFields
            .extend({
              outcome: z.enum(RMA_OUTCOMES).optional(),
              /** 责任归属, or `none` for RMAs without one yet. */
              attribution: z.enum([...RMA_ATTRIBUTIONS, 'none']).optional(),
              excludeCancelled: z.enum(['true', 'false']).optional(),
            })
            .superRefine(periodCheck),
          response: { 200: z.object({ items: z.array(rmaOut), total: z.number().int() }) },
        },
      },
      async (req) => rmaRecords(ctx, { ...req.query, excludeCancelled: req.query.excludeCancelled === 'true' }),
    );
    app.get(
      '/reports/operations/refunds',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'listOperationsRefunds',
          tags,
          summary: '退款明细 The refunds behind the dashboard’s refund figures: requested in the period, or those of them paid',
          description: FILTERS,
          querystring: kpiQueryFields.extend({ queue: z.enum(['requested', 'paid']) }).superRefine(periodCheck),
          response: { 200: z.object({ items: z.array(refundOut), total: z.number().int(), totalFen: z.number().int() }) },
        },
      },
      async (req) => refundRecords(ctx, req.query),
    );
    app.get(
      '/reports/operations/consumption',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'listOperationsConsumption',
          tags,
          summary: '备件消耗明细 The parts used behind the dashboard’s parts figures, of one part if given, newest first',
          description: FILTERS,
          querystring: kpiQueryFields
            .extend({
              partId: z.uuid().optional(),
              limit: z.coerce.number().int().min(1).max(200).default(50),
              offset: z.coerce.number().int().min(0).max(10_000).default(0),
            })
            .superRefine(periodCheck),
          response: { 200: z.object({ items: z.array(movementListItemOut), total: z.number().int() }) },
        },
      },
      async (req) => consumptionRecords(ctx, req.query),
    );
  };
}
