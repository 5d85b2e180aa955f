import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { currentUser } from '../../http/auth';
import { listNotifications, markRead } from './notifications.service';

const out = z.object({ id: z.number(), kind: z.string(), ticketId: z.uuid().nullable(), title: z.string(), body: z.string().nullable(), createdAt: z.date(), readAt: z.date().nullable() });

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notifications',
      { config: { access: 'any' }, schema: { tags: ['notifications'], querystring: z.object({ unread: z.enum(['true', 'false']).optional() }), response: { 200: z.object({ items: z.array(out), unread: z.number() }) } } },
      async (req) => listNotifications(ctx, currentUser(req).id, req.query.unread === 'true'),
    );
    app.post('/notifications/:id/read', { config: { access: 'any' }, schema: { tags: ['notifications'], params: z.object({ id: z.coerce.number().int().positive() }), response: { 204: z.null() } } }, async (req, reply) => {
      await markRead(ctx, currentUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });
  };
}
