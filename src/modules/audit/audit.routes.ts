import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { ADMIN, MANAGERS } from '../../http/auth';
import { listEvents } from './audit.service';
import { verifyAuditTrail } from './audit.verify';
import { auditEventOut, verifyReportOut } from './audit.schemas.out';

const subjectTypes = z.enum(['ticket', 'customer', 'user', 'product_model', 'serial_unit', 'channel_settings']);

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Who saw or changed what: managers review reveals of customer data here.
    app.get(
      '/audit/:subjectType/:subjectId',
      {
        config: { access: MANAGERS },
        schema: {
          operationId: 'listAuditEvents',
          tags: ['audit'],
          summary: "A subject's audit chain, internal events included",
          params: z.object({ subjectType: subjectTypes, subjectId: z.uuid() }),
          response: { 200: z.object({ items: z.array(auditEventOut) }) },
        },
      },
      async (req) => ({ items: await listEvents(ctx.db, req.params.subjectType, req.params.subjectId, { includeInternal: true, keys: ctx.keys }) }),
    );
    app.post(
      '/audit/verify',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'verifyAuditTrail',
          tags: ['audit'],
          summary: 'Check the hash chains, their heads, the signed checkpoint and the ticket rows; lists what is broken',
          response: { 200: verifyReportOut },
        },
      },
      async () => verifyAuditTrail(ctx),
    );
  };
}
