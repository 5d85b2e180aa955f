import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { currentActor, MANAGERS } from '../../http/auth';
import { errorResponse, FILE_TYPES, rawResponse, sendFile } from '../../http/contract';
import { getQualityReport, listQualityReports, qualityReportFile, requestQualityReport } from './documents.service';

const documentOut = z
  .object({
    id: z.uuid(),
    period: z.string(),
    fromDate: z.string(),
    toDate: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.number().int().min(0).max(100),
    createdAt: z.date(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'QualityReport' });
const idParams = z.object({ id: z.uuid() });
const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'YYYY-MM or YYYY-Qn');

export function documentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/reports/quality',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'requestQualityReport',
          tags: ['reports'],
          summary: '生成服务质量分析报告 Generate the monthly or quarterly quality report (background, xlsx + PDF)',
          body: z.object({ period: periodSchema }),
          response: { 202: documentOut },
        },
      },
      async (req, reply) => reply.status(202).send(await requestQualityReport(ctx, req.body.period, currentActor(req))),
    );
    app.get(
      '/reports/quality',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'listQualityReports',
          tags: ['reports'],
          summary: '服务质量分析报告列表 Reports generated, newest first, with their progress',
          response: { 200: z.object({ items: z.array(documentOut) }) },
        },
      },
      async () => ({ items: await listQualityReports(ctx) }),
    );
    app.get(
      '/reports/quality/:id',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'getQualityReport',
          tags: ['reports'],
          summary: '报告进度 One report and its progress',
          params: idParams,
          response: { 200: documentOut, 404: errorResponse('No such report (not_found)') },
        },
      },
      async (req) => getQualityReport(ctx, req.params.id),
    );
    for (const format of ['xlsx', 'pdf'] as const)
      app.get(
        `/reports/quality/:id/report.${format}`,
        {
          config: { access: MANAGERS },
          schema: {
            operationId: format === 'xlsx' ? 'downloadQualityReportXlsx' : 'downloadQualityReportPdf',
            tags: ['reports'],
            summary: format === 'xlsx' ? '下载报告（Excel） Download the report as .xlsx' : '下载报告（PDF） Download the report as PDF',
            params: idParams,
            response: {
              200: rawResponse(`The report (${format})`, FILE_TYPES[format], z.string().meta({ format: 'binary' })),
              404: errorResponse('No such report, or not made yet (not_found)'),
            },
          },
        },
        async (req, reply) => {
          const { period, bytes } = await qualityReportFile(ctx, req.params.id, format);
          return sendFile(reply, bytes, `服务质量分析报告-${period}.${format}`, format, 'attachment');
        },
      );
  };
}
