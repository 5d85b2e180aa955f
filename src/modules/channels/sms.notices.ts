import { eq } from 'drizzle-orm';
import type { TxContext } from '../../context';
import { normalizePhone } from '../../domain/pii/mask';
import { smsNoticeEventOf, smsNoticeStatus, type SmsNoticeKind } from '../../domain/mail/sms-notices';
import { enqueue, type OutboxRegistry } from '../../jobs/outbox';
import { contactPhone } from '../customers/customers.service';
import { loadTicket, type TicketRegistry } from '../tickets/tickets.service';
import { smsMessages } from './channels.tables';
import { noticeEventChosen, sendStatusNotice } from './sms.service';

// 状态通知短信 Which customer-facing events send the short status notice, at the same points as the
// customer mail (mail.hooks.ts). Events that arrive through the outbox (ticket.created, repair.quoted,
// rma.*) queue the SMS in their handler, after commit; a transition (resolved) only queues a
// `channels.sms_notice` message in the business transaction, handled the same way after commit.
// `channels.sms_send` then calls the gateway (a notice is tried three times).

async function notice(ctx: TxContext, ticketId: string, kind: SmsNoticeKind): Promise<void> {
  await enqueue(ctx.tx, ctx.clock.now(), 'channels.sms_notice', { ticketId, kind });
}

/**
 * Queues the notice for one outbox message, unless the gateway is off, the admin did not choose the
 * event, or the ticket's contact has no phone. The SMS row is keyed by the outbox message
 * (dedupeKey), so a redelivered message finds it and queues nothing twice.
 */
export async function queueStatusNotice(ctx: TxContext, p: { ticketId: string; kind: SmsNoticeKind }, outboxId: number): Promise<void> {
  // The common answer (the gateway off, or the event not chosen) costs no statement in a delivery batch.
  if (!(await noticeEventChosen(ctx, smsNoticeEventOf(p.kind)))) return;
  const dedupeKey = `outbox:${outboxId}`;
  const [done] = await ctx.tx.select({ id: smsMessages.id }).from(smsMessages).where(eq(smsMessages.dedupeKey, dedupeKey));
  if (done) return;
  const ticket = await loadTicket(ctx.tx, p.ticketId);
  const stored = ticket.contactId ? await contactPhone(ctx.tx, ctx, ticket.contactId) : null;
  // 138 1234 5678 / 138-1234-5678 / +86 …: the gateways want digits; a landline or a typo sends nothing.
  const phone = stored ? normalizePhone(stored) : null;
  if (!phone || !MOBILE.test(phone)) return;
  await sendStatusNotice(ctx.tx, ctx, phone, { number: ticket.number, status: smsNoticeStatus(p.kind), ticketId: ticket.id, dedupeKey });
}

const MOBILE = /^(\+\d{6,18}|1\d{10})$/;

export function registerSmsNotices(reg: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }): void {
  const owner = 'sms';
  // Keyed by the event's own outbox message: redelivered (another handler of it failed), it finds its SMS.
  reg.outbox.handle('ticket.created', owner, (ctx, p, m) => queueStatusNotice(ctx, { ticketId: p.ticketId, kind: 'received' }, m.id));
  reg.outbox.handle('repair.quoted', owner, (ctx, p, m) => queueStatusNotice(ctx, { ticketId: p.ticketId, kind: 'quote' }, m.id));
  reg.outbox.handle('rma.approved', owner, (ctx, p, m) => queueStatusNotice(ctx, { ticketId: p.ticketId, kind: 'rma_approved' }, m.id));
  reg.outbox.handle('rma.refused', owner, (ctx, p, m) => queueStatusNotice(ctx, { ticketId: p.ticketId, kind: 'rma_refused' }, m.id));
  reg.outbox.handle('channels.sms_notice', owner, (ctx, p, message) => queueStatusNotice(ctx, p, message.id));
  reg.ticketRegistry.react(owner, {
    async afterTransition(ctx, args) {
      if (args.to === 'resolved') await notice(ctx, args.after.id, 'resolved');
    },
  });
}
