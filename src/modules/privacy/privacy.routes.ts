import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_LIFECYCLE, PRIVACY_REQUEST_STATUSES } from '../../domain/privacy/request';
import { ADMIN, currentActor, MANAGERS } from '../../http/auth';
import { errorResponse, FILE_TYPES, rawResponse, sendFile } from '../../http/contract';
import { customerNames } from '../customers/customers.service';
import { exportPersonalData, exportXlsx } from './privacy.export';
import { getRequest, listRequests, moveRequest, registerRequest, requestClocks } from './privacy.service';
import type { PrivacyRequestRow } from './privacy.tables';
import { getPurgeRun, listPurgeRuns, startPurge } from './purge.service';

// 个人信息权利请求 and 清理: managers and administrators handle requests (they may see customer data
// in clear, RULES.md 003 §六); only an administrator starts a purge, which removes data for good.

const requestOut = z
  .object({
    id: z.uuid(),
    number: z.string(),
    customer: z.object({ id: z.uuid(), name: z.string() }),
    kind: z.enum(PRIVACY_REQUEST_KINDS),
    status: z.enum(PRIVACY_REQUEST_STATUSES),
    allowedMoves: z.array(z.enum(PRIVACY_REQUEST_STATUSES)),
    channel: z.string(),
    receivedAt: z.date(),
    verifiedAt: z.date().nullable(),
    verification: z.string().nullable(),
    doneAt: z.date().nullable(),
    refusedReason: z.string().nullable(),
    /**
     * A done erasure: chained events written before crypto-shredding that still hold the person's
     * data in clear (an event is never rewritten). Empty: the erasure is complete; null: not an erasure or not done.
     */
    erasureResidue: z.array(z.object({ subjectType: z.string(), subjectId: z.uuid(), seq: z.number().int(), type: z.string() })).nullable(),
    /** A done erasure: what it anonymised, per kind (contacts, mails, portalSessions, complaints …). */
    erasureCounts: z.record(z.string(), z.number().int()).nullable(),
    due: z.object({ dueAt: z.date(), status: z.string(), stoppedAt: z.date().nullable() }).nullable(),
  })
  .meta({ id: 'PrivacyRequest' });

const purgeRunOut = z
  .object({
    id: z.uuid(),
    status: z.enum(['running', 'done', 'failed']),
    today: z.string(),
    progress: z.number().int().min(0).max(100),
    result: z.object({
      examined: z.number().int(),
      kept: z.object({ safety: z.number().int(), inPeriod: z.number().int() }),
      purged: z.object({ tickets: z.number().int(), mailRaw: z.number().int(), attachmentFiles: z.number().int() }),
      ticketIds: z.array(z.uuid()),
    }),
    startedAt: z.date(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'PurgeRun' });

const idParams = z.object({ id: z.uuid() });

async function views(ctx: AppContext, rows: PrivacyRequestRow[]) {
  const names = await customerNames(
    ctx.db,
    rows.map((r) => r.customerId),
  );
  return Promise.all(
    rows.map(async (r) => {
      const clock = (await requestClocks(ctx, r.id))[0];
      return {
        ...r,
        customer: { id: r.customerId, name: names.get(r.customerId) ?? '' },
        allowedMoves: PRIVACY_REQUEST_LIFECYCLE.allowedMoves(r.status),
        due: clock ? { dueAt: clock.dueAt, status: clock.status, stoppedAt: clock.stoppedAt } : null,
      };
    }),
  );
}
const view = async (ctx: AppContext, row: PrivacyRequestRow) => (await views(ctx, [row]))[0]!;
const purgeView = ({ result: { filesPending: _f, ...result }, ...run }: Awaited<ReturnType<typeof getPurgeRun>>) => ({ ...run, result });

export function privacyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/privacy/requests',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'listPrivacyRequests',
          tags: ['privacy'],
          summary: '个人信息权利请求列表 Personal-data requests, newest first',
          querystring: z.object({ status: z.enum(PRIVACY_REQUEST_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ items: z.array(requestOut) }) },
        },
      },
      async (req) => ({ items: await views(ctx, await listRequests(ctx, req.query)) }),
    );
    app.post(
      '/privacy/requests',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'registerPrivacyRequest',
          tags: ['privacy'],
          summary: '受理个人信息权利请求 Register a customer’s request to access, export or erase personal data (PIPL Arts 45–47)',
          body: z.object({ customerId: z.uuid(), kind: z.enum(PRIVACY_REQUEST_KINDS), channel: z.string().trim().min(1).max(100) }),
          response: { 201: requestOut, 404: errorResponse('No such customer (not_found)') },
        },
      },
      async (req, reply) => reply.status(201).send(await view(ctx, await registerRequest(ctx, req.body, currentActor(req)))),
    );
    app.get(
      '/privacy/requests/:id',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'getPrivacyRequest',
          tags: ['privacy'],
          summary: '个人信息权利请求详情 A personal-data request with its answer deadline',
          params: idParams,
          response: { 200: requestOut, 404: errorResponse('No such request (not_found)') },
        },
      },
      async (req) => view(ctx, await getRequest(ctx, req.params.id)),
    );
    app.post(
      '/privacy/requests/:id/transition',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'movePrivacyRequest',
          tags: ['privacy'],
          summary: '处理个人信息权利请求 Verify identity, complete (an erasure anonymises the customer) or refuse with a reason',
          params: idParams,
          body: z.object({
            to: z.enum(PRIVACY_REQUEST_STATUSES),
            reason: z.string().trim().max(2_000).optional(),
            verification: z.string().trim().max(500).optional(),
          }),
          response: {
            200: requestOut,
            404: errorResponse('No such request (not_found)'),
            409: errorResponse('Not allowed from this status (illegal_transition)'),
            400: errorResponse('A refusal needs its reason (validation_failed)'),
          },
        },
      },
      async (req) => view(ctx, await moveRequest(ctx, req.params.id, req.body, currentActor(req))),
    );
    for (const format of ['json', 'xlsx'] as const)
      app.get(
        `/privacy/requests/:id/export.${format}`,
        {
          config: { access: MANAGERS },
          schema: {
            operationId: format === 'json' ? 'exportPersonalDataJson' : 'exportPersonalDataXlsx',
            tags: ['privacy'],
            summary:
              format === 'json' ? '导出个人信息（JSON） The customer’s personal data as JSON' : '导出个人信息（Excel） The customer’s personal data as .xlsx',
            params: idParams,
            response: {
              200: rawResponse(`The export (${format})`, format === 'json' ? 'application/json' : FILE_TYPES.xlsx, z.string().meta({ format: 'binary' })),
              404: errorResponse('No such request (not_found)'),
              409: errorResponse('Not a verified access or export request (conflict)'),
            },
          },
        },
        async (req, reply) => {
          const data = await exportPersonalData(ctx, req.params.id, format, currentActor(req));
          const bytes = format === 'json' ? Buffer.from(JSON.stringify(data, null, 2)) : await exportXlsx(data);
          return sendFile(reply, bytes, `个人信息-${data.requestNumber}.${format}`, format);
        },
      );
    app.get(
      '/privacy/purges',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'listPurgeRuns',
          tags: ['privacy'],
          summary: '清理记录 Purge runs, newest first, with what each removed',
          response: { 200: z.object({ items: z.array(purgeRunOut) }) },
        },
      },
      async () => ({ items: (await listPurgeRuns(ctx)).map(purgeView) }),
    );
    app.post(
      '/privacy/purges',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'startPurge',
          tags: ['privacy'],
          summary: '开始清理 Purge what the archive period no longer keeps (background; safety-related records are never purged)',
          response: { 202: purgeRunOut },
        },
      },
      async (req, reply) => reply.status(202).send(purgeView(await startPurge(ctx, currentActor(req)))),
    );
    app.get(
      '/privacy/purges/:id',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'getPurgeRun',
          tags: ['privacy'],
          summary: '清理进度 A purge run’s progress and result',
          params: idParams,
          response: { 200: purgeRunOut, 404: errorResponse('No such run (not_found)') },
        },
      },
      async (req) => purgeView(await getPurgeRun(ctx, req.params.id)),
    );
  };
}
