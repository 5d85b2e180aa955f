import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { kpiOut, kpiQuerySchema, periodQuerySchema } from '../../domain/reports/kpi.schemas';
import { operationsReportOut } from '../../domain/reports/operations';
import { staffReportOut } from '../../domain/reports/staff';
import { notFound } from '../../domain/shared/errors';
import { ADMIN, currentActor, MANAGERS } from '../../http/auth';
import { kpiReport } from './kpi.service';
import { queueFactsRebuild, rebuildProgress } from './rebuild';
import { operationsReport } from './operations.service';
import { staffReport } from './staff.service';

const rebuildOut = z
  .object({
    jobId: z.number().int(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    done: z.number().int(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'FactsRebuildJob' });

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/reports/kpi',
      {
        // 售后经理 and administrators: the monthly analysis is theirs (004 §二(六), §四(一)).
        config: { access: MANAGERS },
        schema: {
          operationId: 'getKpiReport',
          tags: ['reports'],
          summary: '服务质量指标 Service quality figures for a period: on-time rates, first-time fix, top faults, backlog',
          querystring: kpiQuerySchema,
          response: { 200: kpiOut },
        },
      },
      async (req) => kpiReport(ctx, req.query),
    );
    app.get(
      '/reports/operations',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'getOperationsReport',
          tags: ['reports'],
          summary:
            '退换货、退款与备件统计 Returns and exchanges per month and reason, refunds paid in time against their legal due date, parts consumed and low stock',
          description:
            'Takes the KPI figures’ period and filters. With any filter (team, engineer, product, batch, customer, channel, region or province) only the returns, refunds and parts used of the tickets it selects count — whenever those tickets were received — and rows linked to no ticket are left out; the low-stock count is the whole stock whatever the filters.',
          querystring: kpiQuerySchema,
          response: { 200: operationsReportOut },
        },
      },
      async (req) => operationsReport(ctx, req.query),
    );
    app.get(
      '/reports/staff',
      {
        // Managers see everyone; an engineer or agent sees their own line (the service answers only theirs).
        config: { access: ['admin', 'manager', 'engineer', 'agent'] },
        schema: {
          operationId: 'getStaffReport',
          tags: ['reports'],
          summary: '人员绩效 Per-engineer and per-agent figures for a period, flagging staff below target three months running (004)',
          querystring: periodQuerySchema,
          response: { 200: staffReportOut },
        },
      },
      async (req) => staffReport(ctx, req.query, currentActor(req)),
    );
    app.post(
      '/reports/facts/rebuild',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'rebuildReportFacts',
          tags: ['reports'],
          summary: '重建统计数据 Rebuild the figures behind the reports from every ticket (background job)',
          response: { 202: rebuildOut },
        },
      },
      async (_req, reply) => {
        const { jobId } = await queueFactsRebuild(ctx);
        return reply.status(202).send({ jobId, status: 'queued' as const, done: 0, lastError: null });
      },
    );
    app.get(
      '/reports/facts/rebuild/:jobId',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'getReportFactsRebuild',
          tags: ['reports'],
          summary: '重建进度 Progress of a rebuild of the report figures',
          params: z.object({ jobId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
          response: { 200: rebuildOut },
        },
      },
      async (req) => {
        const progress = await rebuildProgress(ctx.db, req.params.jobId);
        if (!progress) throw notFound('rebuild job', req.params.jobId);
        return progress;
      },
    );
  };
}
