import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Modules } from '../../composition';
import type { AppContext } from '../../context';
import { ADMIN, SERVICE_DESK } from '../../domain/identity/roles';
import { currentActor } from '../../http/auth';
import { requestLocale } from '../../http/locale';
import { clearMailSettings, mailHtml, mailSettingsView, saveMailSettings, sendTestMail, ticketMails } from './mail.service';

// One header line each: a line break in any of these would let a value write its own headers.
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\r\n\0]*$/, 'no line breaks');
const address = z.email().max(200);

const settingsIn = z.object({
  host: oneLine(200).min(1),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().describe('TLS from the first byte (port 465); false uses STARTTLS when offered'),
  username: oneLine(200).nullable(),
  password: z.string().max(500).nullable().optional().describe('Omit to keep the stored password'),
  fromAddress: oneLine(300)
    .min(3)
    .refine((v) => /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(v), 'an address, or Name <address>'),
});
const settingsOut = z
  .object({
    source: z.enum(['database', 'environment', 'none']).describe('Where the settings in use come from'),
    host: z.string().nullable(),
    port: z.number().nullable(),
    secure: z.boolean(),
    username: z.string().nullable(),
    hasPassword: z.boolean(),
    fromAddress: z.string().nullable(),
    inbound: z.object({ port: z.number().nullable(), supportAddress: z.string().nullable() }),
  })
  .meta({ id: 'MailSettings' });
const mailOut = z
  .object({
    id: z.number(),
    direction: z.enum(['in', 'out']),
    kind: z.string(),
    status: z.enum(['queued', 'sent', 'failed', 'bounced', 'received', 'ignored']),
    eventId: z.number().nullable().describe('The timeline event this mail carried or became'),
    address: z.string().nullable().describe('Masked'),
    subject: z.string(),
    attempts: z.number(),
    lastError: z.string().nullable(),
    hasHtml: z.boolean(),
    createdAt: z.date(),
    sentAt: z.date().nullable(),
  })
  .meta({ id: 'TicketMail' });

export function mailRoutes(ctx: AppContext, modules: Pick<Modules, 'mail'>): FastifyPluginAsyncZod {
  const env = modules.mail;
  return async (app) => {
    app.get(
      '/mail/settings',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'getMailSettings',
          tags: ['mail'],
          summary: '邮件设置 SMTP settings in use (never the password)',
          response: { 200: settingsOut },
        },
      },
      async () => mailSettingsView(ctx, env),
    );
    app.put(
      '/mail/settings',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'saveMailSettings',
          tags: ['mail'],
          summary: '保存邮件设置 Save SMTP settings (the password is stored encrypted)',
          body: settingsIn,
          response: { 200: settingsOut },
        },
      },
      async (req) => saveMailSettings(ctx, env, req.body, currentActor(req)),
    );
    app.delete(
      '/mail/settings',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'clearMailSettings',
          tags: ['mail'],
          summary: '清除邮件设置 Forget the saved settings (the environment applies again, else mail is off)',
          response: { 200: settingsOut },
        },
      },
      async (req) => clearMailSettings(ctx, env, currentActor(req)),
    );
    app.post(
      '/mail/test',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'sendTestMail',
          tags: ['mail'],
          summary: '发送测试邮件 Send a test mail now with the settings in use',
          body: z.object({ to: address }),
          response: { 200: z.object({ delivered: z.boolean(), error: z.string().nullable().describe("The SMTP server's answer when refused") }) },
        },
      },
      async (req) => sendTestMail(ctx, env, req.body.to, requestLocale(req) === 'en' ? 'en' : 'zh-CN'),
    );
    app.get(
      '/tickets/:id/mail',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'listTicketMail',
          tags: ['mail'],
          summary: '工单邮件 Mail of a ticket: where each reply went and whether it was delivered',
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ items: z.array(mailOut) }) },
        },
      },
      async (req) => ({ items: await ticketMails(ctx, req.params.id) }),
    );
    app.get(
      '/mail/messages/:mailId/html',
      {
        config: { access: SERVICE_DESK },
        schema: {
          operationId: 'getMailHtml',
          tags: ['mail'],
          summary: '邮件正文 A received mail as sanitised HTML; remote images only on request',
          params: z.object({ mailId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
          querystring: z.object({ remoteImages: z.enum(['true', 'false']).default('false') }),
          response: { 200: z.object({ html: z.string() }) },
        },
      },
      async (req) => mailHtml(ctx, req.params.mailId, req.query.remoteImages === 'true'),
    );
  };
}
