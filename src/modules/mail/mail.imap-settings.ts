import { eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { MailConfig } from '../../config';
import type { DbOrTx } from '../../db/client';
import { imapProblemText, imapSettingsInput, parseImapUrl, type ImapMailbox } from '../../domain/mail/imap';
import type { Locale } from '../../domain/shared/errors';
import { recordSettingsChange } from '../audit/settings-audit';
import { classifyImapError, closeImap, connectImap } from './mail.imap-client';
import { mailImapMailboxes, mailImapSettings } from './mail.tables';

export type ImapSettingsSaved = ReturnType<typeof imapSettingsInput.parse>;

/** The mailbox in use: the admin pages' settings, else SHOUHOU_IMAP_URL, else none (no polling). */
export async function resolveImapMailbox(
  db: DbOrTx,
  ctx: Pick<AppContext, 'keys'>,
  env: MailConfig,
): Promise<(ImapMailbox & { source: 'database' | 'environment' }) | null> {
  const [row] = await db.select().from(mailImapSettings).where(eq(mailImapSettings.id, 1));
  if (row)
    return {
      source: 'database',
      host: row.host,
      port: row.port,
      tls: row.tls,
      username: row.username,
      password: row.passwordEnc ? ctx.keys.decrypt(row.passwordEnc) : null,
      folder: row.folder,
      pollSeconds: row.pollSeconds,
      enabled: row.enabled,
    };
  return env.imapUrl ? { source: 'environment', ...parseImapUrl(env.imapUrl), enabled: true } : null;
}

/** The key of a mailbox's poll state: another server, user or folder starts afresh. */
export const mailboxKey = (m: Pick<ImapMailbox, 'username' | 'host' | 'port' | 'folder'>) => `${m.username}@${m.host}:${m.port}/${m.folder}`;

/** The settings as the admin page shows them, with how the last poll went: never the password. */
export async function imapSettingsView(ctx: AppContext, env: MailConfig) {
  const m = await resolveImapMailbox(ctx.db, ctx, env);
  const [state] = m
    ? await ctx.db
        .select()
        .from(mailImapMailboxes)
        .where(eq(mailImapMailboxes.mailbox, mailboxKey(m)))
    : [];
  return {
    source: m?.source ?? ('none' as const),
    host: m?.host ?? null,
    port: m?.port ?? null,
    tls: m?.tls ?? null,
    username: m?.username ?? null,
    hasPassword: Boolean(m?.password),
    folder: m?.folder ?? null,
    pollSeconds: m?.pollSeconds ?? null,
    enabled: m?.enabled ?? false,
    lastPolledAt: state?.lastPolledAt ?? null,
    lastError: state?.lastError ?? null,
  };
}

/** The saved settings' plain fields as the change record keeps them (never the password). */
const plain = (r: Omit<ImapSettingsSaved, 'password'> | undefined) =>
  r ? { host: r.host, port: r.port, tls: r.tls, username: r.username, folder: r.folder, pollSeconds: r.pollSeconds, enabled: r.enabled } : null;

export async function saveImapSettings(ctx: AppContext, env: MailConfig, input: ImapSettingsSaved, actor: Actor) {
  const now = ctx.clock.now();
  const [old] = await ctx.db.select().from(mailImapSettings).where(eq(mailImapSettings.id, 1));
  const passwordEnc = input.password === undefined ? (old?.passwordEnc ?? null) : input.password ? ctx.keys.encrypt(input.password) : null;
  const values = { ...plain(input)!, passwordEnc, updatedAt: now, updatedById: actor.id };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(mailImapSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: mailImapSettings.id, set: values });
    await recordSettingsChange(tx, ctx, actor, {
      area: 'imap',
      action: old ? 'updated' : 'created',
      before: plain(old),
      after: plain(input),
      secretsChanged: input.password === undefined ? [] : ['password'],
    });
  });
  return imapSettingsView(ctx, env);
}

/** Forgets the saved settings: SHOUHOU_IMAP_URL (or nothing: polling stops) applies again. */
export async function clearImapSettings(ctx: AppContext, env: MailConfig, actor: Actor) {
  await ctx.db.transaction(async (tx) => {
    const [old] = await tx.delete(mailImapSettings).returning();
    if (old)
      await recordSettingsChange(tx, ctx, actor, { area: 'imap', action: 'cleared', before: plain(old), secretsChanged: old.passwordEnc ? ['password'] : [] });
  });
  return imapSettingsView(ctx, env);
}

/** 测试连接: logs in with the settings in use and counts the unseen mail waiting, or says why not. */
export async function testImapConnection(ctx: AppContext, env: MailConfig, locale: Locale) {
  const m = await resolveImapMailbox(ctx.db, ctx, env);
  if (!m) return { ok: false, unseen: null, error: locale === 'en' ? 'No mailbox is configured' : '尚未设置收信邮箱', detail: null };
  try {
    const client = await connectImap(m);
    try {
      const status = await client.status(m.folder, { unseen: true });
      return { ok: true, unseen: status.unseen ?? 0, error: null, detail: null };
    } finally {
      await closeImap(client);
    }
  } catch (err) {
    const { problem, detail } = classifyImapError(err);
    return { ok: false, unseen: null, error: imapProblemText(problem, locale === 'en' ? 'en' : 'zh-CN'), detail };
  }
}
