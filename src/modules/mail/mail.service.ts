import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { MailConfig } from '../../config';
import type { DbOrTx } from '../../db/client';
import { headerSafe } from '../../domain/mail/template';
import { maskEmail, normalizeEmail } from '../../domain/pii/mask';
import { notFound, type Locale } from '../../domain/shared/errors';
import { recordSettingsChange } from '../audit/settings-audit';
import { renderMessage } from '../templates/templates.service';
import { loadTicket } from '../tickets/tickets.service';
import { sanitizeMailHtml } from './mail.sanitize';
import { mailInboundClaims, mailMessages, mailSettings } from './mail.tables';
import { composeRaw, messageDomain, resolveTransport, sendRaw } from './mail.transport';

export interface MailSettingsInput {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  /** Omitted: keep the stored password; null: remove it. */
  password?: string | null;
  fromAddress: string;
}

/** The settings as the admin page shows them: never the password, only whether one is stored. */
export async function mailSettingsView(ctx: AppContext, env: MailConfig) {
  const t = await resolveTransport(ctx.db, ctx, env);
  return {
    source: t?.source ?? ('none' as const),
    host: t?.host ?? null,
    port: t?.port ?? null,
    secure: t?.secure ?? false,
    username: t?.username ?? null,
    hasPassword: Boolean(t?.password),
    fromAddress: t?.from ?? null,
    inbound: { port: env.inboundSmtpPort, supportAddress: env.supportAddress },
  };
}

/** The saved settings' plain fields as the change record keeps them (never the password). */
const plainMail = (r: { host: string; port: number; secure: boolean; username: string | null; fromAddress: string } | undefined) =>
  r ? { host: r.host, port: r.port, secure: r.secure, username: r.username, fromAddress: r.fromAddress } : null;

export async function saveMailSettings(ctx: AppContext, env: MailConfig, input: MailSettingsInput, actor: Actor) {
  const now = ctx.clock.now();
  const [old] = await ctx.db.select().from(mailSettings).where(eq(mailSettings.id, 1));
  const passwordEnc = input.password === undefined ? (old?.passwordEnc ?? null) : input.password ? ctx.keys.encrypt(input.password) : null;
  const values = {
    host: input.host,
    port: input.port,
    secure: input.secure,
    username: input.username,
    passwordEnc,
    fromAddress: input.fromAddress,
    updatedAt: now,
    updatedById: actor.id,
  };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(mailSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: mailSettings.id, set: values });
    await recordSettingsChange(tx, ctx, actor, {
      area: 'mail',
      action: old ? 'updated' : 'created',
      before: plainMail(old),
      after: plainMail(values),
      secretsChanged: input.password === undefined ? [] : ['password'],
    });
  });
  return mailSettingsView(ctx, env);
}

/** Forgets the saved settings: the environment's (or none, which turns mail off) apply again. */
export async function clearMailSettings(ctx: AppContext, env: MailConfig, actor: Actor) {
  await ctx.db.transaction(async (tx) => {
    const [old] = await tx.delete(mailSettings).returning();
    if (old)
      await recordSettingsChange(tx, ctx, actor, {
        area: 'mail',
        action: 'cleared',
        before: plainMail(old),
        secretsChanged: old.passwordEnc ? ['password'] : [],
      });
  });
  return mailSettingsView(ctx, env);
}

/** 发送测试邮件: sent now (not queued), so the admin sees the server's answer at once. */
export async function sendTestMail(ctx: AppContext, env: MailConfig, to: string, locale: Locale) {
  const transport = await resolveTransport(ctx.db, ctx, env);
  const now = ctx.clock.now();
  const text = await renderMessage(ctx.db, 'test', 'email', locale, {});
  const messageId = `<shouhou.${randomUUID()}@${messageDomain(transport?.from ?? 'shouhou.local')}>`;
  let error: string | null = transport ? null : 'mail is not configured';
  let raw: Buffer | null = null;
  if (transport) {
    try {
      raw = await composeRaw(transport, { to, subject: headerSafe(text.subject), text: text.body, messageId, automatic: true }, now);
      await sendRaw(transport, to, raw);
    } catch (err) {
      error = String((err as Error).message ?? err).slice(0, 500);
    }
  }
  await ctx.db.insert(mailMessages).values({
    direction: 'out',
    messageId,
    kind: 'test',
    status: error ? 'failed' : 'sent',
    addressEnc: ctx.keys.encrypt(to),
    addressBidx: ctx.keys.blindIndex(normalizeEmail(to)),
    locale,
    subject: headerSafe(text.subject),
    text: text.body,
    rawEnc: raw && !error ? ctx.keys.encrypt(raw.toString('latin1')) : null,
    attempts: 1,
    lastError: error,
    createdAt: now,
    sentAt: error ? null : now,
  });
  return { delivered: !error, error };
}

/** Every mail of a ticket, in and out, for the ticket page: where each reply went and whether it arrived. */
export async function ticketMails(ctx: AppContext, ticketId: string) {
  await loadTicket(ctx.db, ticketId);
  const rows = await ctx.db.select().from(mailMessages).where(eq(mailMessages.ticketId, ticketId)).orderBy(asc(mailMessages.createdAt));
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    kind: r.kind,
    status: r.status,
    eventId: r.eventId,
    address: maskEmail(r.addressEnc ? ctx.keys.decrypt(r.addressEnc) : null),
    subject: r.subject,
    attempts: r.attempts,
    lastError: r.lastError,
    hasHtml: Boolean(r.htmlSafe),
    createdAt: r.createdAt,
    sentAt: r.sentAt,
  }));
}

/** A received mail's HTML, sanitised; remote images only when the reader asked for them. */
export async function mailHtml(ctx: AppContext, id: number, remoteImages: boolean) {
  const [row] = await ctx.db.select({ htmlSafe: mailMessages.htmlSafe }).from(mailMessages).where(eq(mailMessages.id, id));
  if (!row?.htmlSafe) throw notFound('mail message', id);
  // Stored already sanitised with images held back; consent re-runs the sanitiser releasing them.
  const html = remoteImages ? sanitizeMailHtml(row.htmlSafe.replace(/data-remote-src=/g, 'src='), { remoteImages: true }) : row.htmlSafe;
  return { html };
}

/**
 * Stored mail of a person, for erasure (PIPL Art 47) or purge: by the tickets it belongs to and the
 * blind indexes of the person's addresses. `erase` drops the address, raw message, HTML and text
 * (the timeline keeps what was said as part of the ticket's audited record); a purge (`raw`) drops
 * only the raw message and HTML. Returns how many rows changed; the caller holds the tickets' locks.
 */
export async function anonymiseStoredMail(
  tx: DbOrTx,
  q: { ticketIds: readonly string[]; addressBidx: readonly string[] },
  mode: 'erase' | 'raw',
): Promise<number> {
  const conds = [
    ...(q.ticketIds.length ? [inArray(mailMessages.ticketId, [...q.ticketIds])] : []),
    ...(q.addressBidx.length ? [inArray(mailMessages.addressBidx, [...q.addressBidx])] : []),
  ];
  if (!conds.length) return 0;
  const set = mode === 'erase' ? { addressEnc: null, addressBidx: null, rawEnc: null, htmlSafe: null, text: '' } : { rawEnc: null, htmlSafe: null };
  const where = mode === 'raw' ? and(or(...conds), or(isNotNull(mailMessages.rawEnc), isNotNull(mailMessages.htmlSafe))) : or(...conds);
  const rows = await tx.update(mailMessages).set(set).where(where).returning({ id: mailMessages.id });
  // A lease left by a delivery whose process died holds the sender's blind index until the next
  // delivery of that message takes it over, which may never come: erased with the person.
  if (mode === 'erase' && q.addressBidx.length) await tx.delete(mailInboundClaims).where(inArray(mailInboundClaims.addressBidx, [...q.addressBidx]));
  return rows.length;
}
