import type { TxContext } from '../../context';
import type { MailConfig } from '../../config';
import type { TemplateValues } from '../../domain/mail/template';
import type { Locale } from '../../domain/shared/errors';
import { listEvents } from '../audit/audit.service';
import { contactEmail, customerNames } from '../customers/customers.service';
import { clocksOf } from '../sla/clocks.service';
import type { TicketRow } from '../tickets/tickets.service';
import { and, desc, eq } from 'drizzle-orm';
import { mailMessages } from './mail.tables';

// What goes into a customer mail: to whom, in which language, and the template's values.

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });
const at = (d: Date) => SHANGHAI.format(d);

const PROMISES: { target: string; zh: string; en: string }[] = [
  { target: 'acknowledge', zh: '前确认收到', en: 'acknowledged by' },
  { target: 'firstResponse', zh: '前首次响应', en: 'a first response by' },
  { target: 'resolution', zh: '前解决或给出临时方案', en: 'resolved or worked around by' },
];

/** 承诺时限 The deadlines promised to the customer, from the ticket's running SLA clocks. */
export async function promisedText(ctx: TxContext, ticketId: string, locale: Locale): Promise<string> {
  const clocks = (await clocksOf(ctx.tx, ticketId)).filter((c) => c.status === 'running' || c.status === 'paused');
  const parts = PROMISES.flatMap((p) => {
    const c = clocks.find((x) => x.target === p.target);
    if (!c) return [];
    return [locale === 'en' ? `${p.en} ${at(c.dueAt)}` : `${at(c.dueAt)} ${p.zh}`];
  });
  if (!parts.length) return locale === 'en' ? 'we will contact you shortly' : '我们会尽快与您联系';
  return parts.join(locale === 'en' ? '; ' : '；');
}

/** The customer's language: that of their last mail to us, else Chinese. */
export async function ticketLocale(ctx: TxContext, ticketId: string): Promise<Locale> {
  const [row] = await ctx.tx
    .select({ locale: mailMessages.locale })
    .from(mailMessages)
    .where(and(eq(mailMessages.ticketId, ticketId), eq(mailMessages.direction, 'in')))
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  return row?.locale ?? 'zh-CN';
}

/**
 * Where the customer reads mail about this ticket: the address they last wrote from, else the
 * ticket's contact's e-mail. Null when there is none (nothing is sent).
 */
export async function recipientOf(ctx: TxContext, ticket: TicketRow): Promise<{ address: string; inReplyTo: string | null } | null> {
  const [last] = await ctx.tx
    .select({ addressEnc: mailMessages.addressEnc, messageId: mailMessages.messageId })
    .from(mailMessages)
    .where(and(eq(mailMessages.ticketId, ticket.id), eq(mailMessages.direction, 'in'), eq(mailMessages.status, 'received')))
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  if (last?.addressEnc) return { address: ctx.keys.decrypt(last.addressEnc), inReplyTo: last.messageId };
  const email = ticket.contactId ? await contactEmail(ctx.tx, ctx, ticket.contactId) : null;
  return email ? { address: email, inReplyTo: null } : null;
}

export async function templateValues(
  ctx: TxContext,
  env: MailConfig,
  ticket: TicketRow,
  locale: Locale,
  extra: { eventId: number | null; detail: string | null },
): Promise<TemplateValues> {
  const names = await customerNames(ctx.tx, [ticket.customerId]);
  let body = extra.detail ?? '';
  if (extra.eventId !== null) {
    const events = await listEvents(ctx.tx, 'ticket', ticket.id, { includeInternal: false, keys: ctx.keys });
    body = events.find((e) => e.id === extra.eventId)?.body ?? body;
  }
  return {
    number: ticket.number,
    customer: names.get(ticket.customerId) ?? '',
    title: ticket.title,
    promisedAt: await promisedText(ctx, ticket.id, locale),
    link: env.publicUrl ? `${env.publicUrl.replace(/\/$/, '')}/tickets/${ticket.id}` : '',
    body,
    status: ticket.status,
  };
}
