import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createModules, type Modules } from '../composition';
import type { AppContext } from '../context';
import { channelRoutes } from '../modules/channels/channels.routes';
import { attachmentRoutes } from '../modules/attachments/attachments.routes';
import { auditRoutes } from '../modules/audit/audit.routes';
import { customerRoutes } from '../modules/customers/customers.routes';
import { identityRoutes } from '../modules/identity/identity.routes';
import { notificationRoutes } from '../modules/notifications/notifications.routes';
import { productRoutes } from '../modules/products/products.routes';
import { ensurePresets } from '../modules/sla/policies.service';
import { slaRoutes } from '../modules/sla/sla.routes';
import { repairRoutes } from '../modules/repairs/repairs.routes';
import { dispatchRoutes } from '../modules/dispatch/dispatch.routes';
import { followupRoutes } from '../modules/followups/followups.routes';
import { complaintRoutes } from '../modules/complaints/complaints.routes';
import { reportRoutes } from '../modules/reports/reports.routes';
import { operationsRecordRoutes } from '../modules/reports/operations-records.routes';
import { incidentRoutes } from '../modules/reports/incidents.routes';
import { documentRoutes } from '../modules/reports/documents.routes';
import { knowledgeRoutes } from '../modules/knowledge/knowledge.routes';
import { qualityFeedbackRoutes } from '../modules/reports/quality-feedback.routes';
import { privacyRoutes } from '../modules/privacy/privacy.routes';
import { partsRoutes } from '../modules/parts/parts.routes';
import { stockRoutes } from '../modules/parts/stock.routes';
import { mailRoutes } from '../modules/mail/mail.routes';
import { imapRoutes } from '../modules/mail/mail.imap-routes';
import { templateRoutes } from '../modules/templates/templates.routes';
import { liveRoutes } from '../modules/live/live.routes';
import { ticketRoutes } from '../modules/tickets/tickets.routes';
import { returnRoutes } from '../modules/returns/returns.routes';
import { rmaRoutes } from '../modules/returns/rma.routes';
import { refundRoutes } from '../modules/refunds/refunds.routes';
import { warrantyRoutes } from '../modules/warranty/warranty.routes';
import { webhookRoutes } from '../modules/webhooks/webhooks.routes';
import { portalRoutes } from '../modules/portal/portal.routes';
import { portalCaseRoutes } from '../modules/portal/portal-case.routes';
import { installAuth } from './auth';
import { installContract } from './contract';
import { openApiOptions } from './openapi';
import { loggerOptions, type LoggerSetting } from './log-redaction';
import { clientErrorHandler, installErrorHandler, sendError } from './error-handler';
import { installInputGuard } from './input-guard';
import { registerSecurityHeaders, withSecurityHeaders } from './security-headers';
import { registerWebApp } from './web';

export interface BuildAppOptions {
  /** The instance's modules (src/composition.ts); built here when the caller has none. */
  modules?: Modules;
  logger?: LoggerSetting;
  /** Log-in attempts per IP per minute. */
  loginRateLimit?: number;
  /** Failed log-ins per address (any user name) per 15 minutes. */
  loginFailuresPerAddress?: number;
  /** How often an open live stream re-checks its session (ms). */
  liveSessionCheckMs?: number;
}

export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logger),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    genReqId: () => crypto.randomUUID(),
    // Errors raised before routing (a bad %-escape, an over-long path parameter, an oversized
    // header block) get the documented error shape too.
    routerOptions: { maxParamLength: 100 },
    frameworkErrors: withSecurityHeaders(sendError),
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // Before every route, so each response (docs, web app, API, errors) carries the headers.
  registerSecurityHeaders(app);
  installInputGuard(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: ctx.maxAttachmentBytes, files: 10, fields: 20 } });
  await app.register(swagger, openApiOptions);
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app, ctx);
  installContract(app);
  const modules = opts.modules ?? createModules(ctx);
  await ensurePresets(ctx);

  await app.register(
    async (api) => {
      api.get(
        '/openapi.json',
        { config: { access: 'public', undocumented: 'the OpenAPI document itself: describing it inside itself adds nothing' }, schema: { hide: true } },
        async () => app.swagger(),
      );
      api.get(
        '/health',
        {
          config: { access: 'public' },
          schema: {
            operationId: 'getHealth',
            summary: '健康检查 Is the server up, and on which database',
            tags: ['system'],
            response: { 200: z.object({ ok: z.boolean(), database: z.enum(['pglite', 'postgres']) }) },
          },
        },
        async () => ({ ok: true, database: ctx.database.kind }),
      );
      await api.register(
        identityRoutes(ctx, { loginLimits: { perAddressAndUser: opts.loginRateLimit ?? 10, failuresPerAddress: opts.loginFailuresPerAddress ?? 30 } }),
      );
      await api.register(customerRoutes(ctx));
      await api.register(productRoutes(ctx));
      await api.register(ticketRoutes(ctx, modules));
      await api.register(attachmentRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(notificationRoutes(ctx));
      await api.register(liveRoutes(ctx, { sessionCheckMs: opts.liveSessionCheckMs }));
      await api.register(slaRoutes(ctx, modules));
      await api.register(warrantyRoutes(ctx));
      await api.register(repairRoutes(ctx));
      await api.register(knowledgeRoutes(ctx));
      await api.register(qualityFeedbackRoutes(ctx));
      await api.register(dispatchRoutes(ctx));
      await api.register(followupRoutes(ctx, modules));
      await api.register(complaintRoutes(ctx));
      await api.register(partsRoutes(ctx));
      await api.register(stockRoutes(ctx));
      await api.register(returnRoutes(ctx));
      await api.register(rmaRoutes(ctx));
      await api.register(refundRoutes(ctx));
      await api.register(mailRoutes(ctx, modules));
      await api.register(imapRoutes(ctx, modules));
      await api.register(templateRoutes(ctx));
      await api.register(channelRoutes(ctx));
      await api.register(webhookRoutes(ctx));
      await api.register(reportRoutes(ctx));
      await api.register(operationsRecordRoutes(ctx));
      await api.register(incidentRoutes(ctx));
      await api.register(documentRoutes(ctx));
      await api.register(privacyRoutes(ctx));
      await api.register(portalRoutes(modules));
      await api.register(portalCaseRoutes(modules));
    },
    { prefix: '/api/v1' },
  );
  await registerWebApp(app);
  return app;
}
