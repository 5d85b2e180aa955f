import { eq, sql } from 'drizzle-orm';
import type { TxContext } from '../../context';
import type { MailConfig } from '../../config';
import { enqueue } from '../../jobs/outbox';
import type { TopicPayload } from '../../jobs/catalogue';
import { appendEvent } from '../audit/audit.service';
import { renderMessage } from '../templates/templates.service';
import { loadTicket } from '../tickets/tickets.service';
import { recipientOf, templateValues, ticketLocale } from './mail.compose';
import { queuedMailRow } from './mail.queued-row';
import { mailMessages, type MailMessageRow } from './mail.tables';
import { composeRaw, resolveTransport, sendRaw } from './mail.transport';

/** Tries per mail before it is given up (the first send plus retries 1, 2, 4, 8, 16 minutes later). */
export const MAIL_ATTEMPTS = 6;
const backoffMs = (attempt: number) => Math.min(3_600_000, 60_000 * 2 ** (attempt - 1));

// Mail a person wrote (a public reply) does not say it is automatic: the customer's own auto-responder
// may answer it. Notices (receipt, survey …) do.
const WRITTEN_BY_STAFF = new Set(['reply', 'progress']);

/**
 * 发送客户邮件: composes one customer mail for an outbox message and sends it. The row is keyed by
 * the outbox message (dedupeKey), so a delivery run again finds it and never composes or sends twice.
 * Without any mail settings nothing is recorded: mail is simply off.
 */
export async function notifyByMail(ctx: TxContext, env: MailConfig, p: TopicPayload<'mail.notify'>, outboxId: number): Promise<void> {
  const dedupeKey = `outbox:${outboxId}`;
  const [done] = await ctx.tx.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.dedupeKey, dedupeKey));
  if (done) return;
  const transport = await resolveTransport(ctx.tx, ctx, env);
  if (!transport) return;
  const ticket = await loadTicket(ctx.tx, p.ticketId);
  // A survey waits a day; a ticket reopened meanwhile is not asked to rate anything.
  if (p.kind === 'survey' && !['resolved', 'followed_up', 'closed'].includes(ticket.status)) return;
  const to = await recipientOf(ctx, ticket);
  if (!to) return;
  const locale = await ticketLocale(ctx, ticket.id);
  const values = await templateValues(ctx, env, ticket, locale, { eventId: p.eventId, detail: p.detail });
  const text = await renderMessage(ctx.tx, p.kind, 'email', locale, values);
  const [row] = await ctx.tx
    .insert(mailMessages)
    .values(
      queuedMailRow(
        ctx,
        transport,
        { to: to.address, ticketId: ticket.id, eventId: p.eventId, kind: p.kind, locale, subject: text.subject, text: text.body, dedupeKey },
        ctx.clock.now(),
      ),
    )
    .returning();
  await attemptSend(ctx, env, row!, to.inReplyTo);
}

/** A retry: only a mail still queued is sent (one that went out already never goes twice). */
export async function retryMail(ctx: TxContext, env: MailConfig, mailId: number): Promise<void> {
  const [row] = await ctx.tx.select().from(mailMessages).where(eq(mailMessages.id, mailId)).for('update');
  if (!row || row.status !== 'queued') return;
  await attemptSend(ctx, env, row, null);
}

/**
 * One try. A failure never throws: it is written to the mail row and the ticket's timeline, and a
 * retry is queued with backoff — so the failure stays visible while the next try waits.
 */
export async function attemptSend(ctx: TxContext, env: MailConfig, row: MailMessageRow, inReplyTo: string | null): Promise<void> {
  const now = ctx.clock.now();
  const attempt = row.attempts + 1;
  try {
    const transport = await resolveTransport(ctx.tx, ctx, env);
    if (!transport) throw new Error('mail is not configured');
    const to = ctx.keys.decrypt(row.addressEnc!);
    const raw = await composeRaw(
      transport,
      {
        to,
        subject: row.subject,
        text: row.secretTextEnc ? ctx.keys.decrypt(row.secretTextEnc) : row.text,
        messageId: row.messageId,
        inReplyTo,
        automatic: !WRITTEN_BY_STAFF.has(row.kind),
      },
      now,
    );
    await sendRaw(transport, to, raw);
    await ctx.tx
      .update(mailMessages)
      // A secret text (a one-time code) is not kept once sent: neither the text nor the message.
      .set({
        status: 'sent',
        sentAt: now,
        attempts: attempt,
        lastError: null,
        rawEnc: row.secretTextEnc ? null : ctx.keys.encrypt(raw.toString('latin1')),
        secretTextEnc: null,
      })
      .where(eq(mailMessages.id, row.id));
    if (row.ticketId) await timeline(ctx, row.ticketId, 'mail_sent', { mailId: row.id, kind: row.kind, eventId: row.eventId, attempt });
  } catch (err) {
    const error = String((err as Error).message ?? err).slice(0, 500);
    // A one-time code is tried once: the customer asks for a new one rather than get this one late.
    const willRetry = attempt < MAIL_ATTEMPTS && row.kind !== 'one_time_code';
    await ctx.tx
      .update(mailMessages)
      .set({ attempts: attempt, lastError: error, status: willRetry ? 'queued' : 'failed', ...(willRetry ? {} : { secretTextEnc: null }) })
      .where(eq(mailMessages.id, row.id));
    if (willRetry) await enqueue(ctx.tx, new Date(now.getTime() + backoffMs(attempt)), 'mail.retry', { mailId: row.id });
    if (row.ticketId) await timeline(ctx, row.ticketId, 'mail_failed', { mailId: row.id, kind: row.kind, eventId: row.eventId, attempt, error, willRetry });
  }
}

/** An internal timeline event on the ticket (its chain: after the ticket row in the lock order, which this never takes). */
export async function timeline(ctx: TxContext, ticketId: string, type: string, data: Record<string, unknown>): Promise<void> {
  await appendEvent(ctx.tx, ctx, { subjectType: 'ticket', subjectId: ticketId, type, actor: null, visibility: 'internal', data });
}

/** A bounce names one of our Message-IDs: that mail is marked bounced and the ticket says so. */
export async function recordBounce(ctx: TxContext, messageIds: string[], reason: string): Promise<number | null> {
  for (const id of messageIds) {
    const [row] = await ctx.tx
      .update(mailMessages)
      .set({ status: 'bounced', lastError: reason.slice(0, 500) })
      .where(sql`${mailMessages.messageId} = ${id} and ${mailMessages.direction} = 'out'`)
      .returning();
    if (row) {
      if (row.ticketId)
        await timeline(ctx, row.ticketId, 'mail_bounced', { mailId: row.id, kind: row.kind, eventId: row.eventId, reason: reason.slice(0, 300) });
      return row.id;
    }
  }
  return null;
}
