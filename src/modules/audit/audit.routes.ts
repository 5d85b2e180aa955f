import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { ADMIN, MANAGERS } from '../../http/auth';
import { listEvents, verifyAuditTrail } from './audit.service';

const subjectTypes = z.enum(['ticket', 'customer', 'user', 'product_model', 'serial_unit']);

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Who saw or changed what: managers review reveals of customer data here.
    app.get(
      '/audit/:subjectType/:subjectId',
      {
        config: { access: MANAGERS },
        schema: { tags: ['audit'], params: z.object({ subjectType: subjectTypes, subjectId: z.uuid() }) },
      },
      async (req) => ({ items: await listEvents(ctx.db, req.params.subjectType, req.params.subjectId, { includeInternal: true }) }),
    );
    app.post('/audit/verify', { config: { access: ADMIN }, schema: { tags: ['audit'], summary: 'Check the hash chains; reports the first broken link' } }, async () => verifyAuditTrail(ctx));
  };
}
