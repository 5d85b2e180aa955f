import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { currentUser } from '../../http/auth';
import { noContent } from '../../http/contract';
import { requestLocale } from '../../http/locale';
import { MAILABLE_KIND_NAMES } from '../../domain/notification/notification.render';
import { mailPrefsOf, saveMailPrefs } from './notifications.mail';
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

const mailKind = z.enum(MAILABLE_KIND_NAMES as [string, ...string[]]);
const mailPrefsIn = z.object({
  address: z.email().max(200).nullable().describe('Where the reminders go: the user’s own work address; null mails nothing'),
  kinds: z.array(mailKind).max(MAILABLE_KIND_NAMES.length).describe('Notification kinds that also come by e-mail'),
});
const mailPrefsOut = z
  .object({
    address: z.string().nullable(),
    kinds: z.array(z.string()),
    choices: z.array(z.object({ kind: z.string(), label: z.string().describe("Worded in the caller's language") })),
  })
  .meta({ id: 'NotificationMailPrefs' });

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
    app.get(
      '/notifications/mail-settings',
      {
        config: { access: 'any' },
        schema: {
          operationId: 'getNotificationMailPrefs',
          tags: ['notifications'],
          summary: '邮件提醒设置 Which of the caller’s notifications also come by e-mail',
          response: { 200: mailPrefsOut },
        },
      },
      async (req) => mailPrefsOf(ctx, currentUser(req).id, requestLocale(req)),
    );
    app.put(
      '/notifications/mail-settings',
      {
        config: { access: 'any' },
        schema: {
          operationId: 'saveNotificationMailPrefs',
          tags: ['notifications'],
          summary: '保存邮件提醒设置 Choose which of the caller’s notifications also come by e-mail',
          body: mailPrefsIn,
          response: { 200: mailPrefsOut },
        },
      },
      async (req) => saveMailPrefs(ctx, currentUser(req).id, req.body, requestLocale(req)),
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
