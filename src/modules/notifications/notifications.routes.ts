import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { currentUser } from '../../http/auth';
import { noContent } from '../../http/contract';
import { requestLocale } from '../../http/locale';
import { listNotifications, markAllRead, markRead } from './notifications.service';

const out = z
  .object({
    id: z.number(),
    kind: z.string(),
    ticketId: z.uuid().nullable(),
    params: z.record(z.string(), z.unknown()),
    title: z.string().describe("Worded in the caller's language (Accept-Language, else the user's locale)"),
    body: z.string().nullable(),
    createdAt: z.date(),
    readAt: z.date().nullable(),
  })
  .meta({ id: 'Notification' });

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/notifications',
      {
        config: { access: 'any' },
        schema: {
          operationId: 'listNotifications',
          tags: ['notifications'],
          summary: "The caller's notifications, newest first",
          querystring: z.object({ unread: z.enum(['true', 'false']).optional() }),
          response: { 200: z.object({ items: z.array(out), unread: z.number() }) },
        },
      },
      async (req) => listNotifications(ctx, currentUser(req).id, req.query.unread === 'true', requestLocale(req)),
    );
    app.post(
      '/notifications/read-all',
      {
        config: { access: 'any' },
        schema: {
          operationId: 'markAllNotificationsRead',
          tags: ['notifications'],
          summary: "全部已读 Mark all the caller's notifications read",
          response: { 200: z.object({ marked: z.number().describe('How many were unread') }) },
        },
      },
      async (req) => ({ marked: await markAllRead(ctx, currentUser(req).id) }),
    );
    app.post(
      '/notifications/:id/read',
      {
        config: { access: 'any' },
        schema: {
          operationId: 'markNotificationRead',
          tags: ['notifications'],
          summary: 'Mark a notification read',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 204: noContent('Marked read') },
        },
      },
      async (req, reply) => {
        await markRead(ctx, currentUser(req).id, req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
