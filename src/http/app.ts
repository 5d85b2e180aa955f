import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context';
import { attachmentRoutes } from '../modules/attachments/attachments.routes';
import { auditRoutes } from '../modules/audit/audit.routes';
import { customerRoutes } from '../modules/customers/customers.routes';
import { identityRoutes } from '../modules/identity/identity.routes';
import { notificationRoutes } from '../modules/notifications/notifications.routes';
import { productRoutes } from '../modules/products/products.routes';
import { registerSlaHooks } from '../modules/sla/sla.hooks';
import { ensurePresets } from '../modules/sla/policies.service';
import { slaRoutes } from '../modules/sla/sla.routes';
import { liveRoutes } from '../modules/live/live.routes';
import { ticketRoutes } from '../modules/tickets/tickets.routes';
import { installAuth } from './auth';
import { installErrorHandler } from './error-handler';
import { registerWebApp } from './web';

export interface BuildAppOptions {
  logger?: boolean;
  /** Log-in attempts per IP per minute. */
  loginRateLimit?: number;
}

export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: process.env.TRUST_PROXY === '1',
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: ctx.maxAttachmentBytes, files: 10, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'shouhou 售后 API', version: '1', description: 'After-sales service management API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'shouhou_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app, ctx);
  registerSlaHooks();
  await ensurePresets(ctx);

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
      api.get('/health', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ ok: true, database: ctx.database.kind }));
      await api.register(identityRoutes(ctx, { loginRateLimit: opts.loginRateLimit ?? 10 }));
      await api.register(customerRoutes(ctx));
      await api.register(productRoutes(ctx));
      await api.register(ticketRoutes(ctx));
      await api.register(attachmentRoutes(ctx));
      await api.register(auditRoutes(ctx));
      await api.register(notificationRoutes(ctx));
      await api.register(liveRoutes(ctx));
      await api.register(slaRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );
  await registerWebApp(app);
  return app;
}
