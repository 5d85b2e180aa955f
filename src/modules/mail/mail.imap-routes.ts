import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Modules } from '../../composition';
import type { AppContext } from '../../context';
import { IMAP_TLS, imapSettingsInput } from '../../domain/mail/imap';
import { ADMIN } from '../../domain/identity/roles';
import { currentActor } from '../../http/auth';
import { requestLocale } from '../../http/locale';
import { clearImapSettings, imapSettingsView, saveImapSettings, testImapConnection } from './mail.imap-settings';

// Built by picking fields: the stored (encrypted) password has no field here to leave by.
const imapOut = z
  .object({
    source: z.enum(['database', 'environment', 'none']).describe('Where the settings in use come from'),
    host: z.string().nullable(),
    port: z.number().nullable(),
    tls: z.enum(IMAP_TLS).nullable(),
    username: z.string().nullable(),
    hasPassword: z.boolean(),
    folder: z.string().nullable(),
    pollSeconds: z.number().nullable(),
    enabled: z.boolean(),
    lastPolledAt: z.date().nullable().describe('When the mailbox was last read (or tried)'),
    lastError: z.string().nullable().describe("The last poll's failure; null after a good poll"),
  })
  .meta({ id: 'ImapSettings' });

/** 收信邮箱 The polled support mailbox's settings (admins only). */
export function imapRoutes(ctx: AppContext, modules: Pick<Modules, 'mail'>): FastifyPluginAsyncZod {
  const env = modules.mail;
  return async (app) => {
    app.get(
      '/mail/imap',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'getImapSettings',
          tags: ['mail'],
          summary: '收信邮箱设置 IMAP mailbox settings in use (never the password)',
          response: { 200: imapOut },
        },
      },
      async () => imapSettingsView(ctx, env),
    );
    app.put(
      '/mail/imap',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'saveImapSettings',
          tags: ['mail'],
          summary: '保存收信邮箱设置 Save the IMAP mailbox (the password is stored encrypted)',
          body: imapSettingsInput,
          response: { 200: imapOut },
        },
      },
      async (req) => saveImapSettings(ctx, env, req.body, currentActor(req)),
    );
    app.delete(
      '/mail/imap',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'clearImapSettings',
          tags: ['mail'],
          summary: '清除收信邮箱设置 Forget the saved mailbox (SHOUHOU_IMAP_URL applies again, else no polling)',
          response: { 200: imapOut },
        },
      },
      async (req) => clearImapSettings(ctx, env, currentActor(req)),
    );
    app.post(
      '/mail/imap/test',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'testImapConnection',
          tags: ['mail'],
          summary: '测试收信连接 Log in to the mailbox in use and count the unseen mail',
          response: {
            200: z.object({
              ok: z.boolean(),
              unseen: z.number().nullable().describe('Unseen messages waiting in the folder'),
              error: z.string().nullable().describe('What went wrong, in the request language'),
              detail: z.string().nullable().describe("The server's own words"),
            }),
          },
        },
      },
      async (req) => testImapConnection(ctx, env, requestLocale(req) === 'en' ? 'en' : 'zh-CN'),
    );
  };
}
