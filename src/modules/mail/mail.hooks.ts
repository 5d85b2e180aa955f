import type { MailConfig } from '../../config';
import { formatFen } from '../../domain/shared/money';
import { listEvents } from '../audit/audit.service';
import { enqueue, enqueueMany, oncePerBatch, type OutboxRegistry } from '../../jobs/outbox';
import type { TicketRegistry } from '../tickets/tickets.service';
import { notifyByMail, retryMail } from './mail.outbound';
import { resolveTransport } from './mail.transport';

const DAY_MS = 86_400_000;

/**
 * 邮件通知 Which customer-facing events send mail. Each reaction only queues a `mail.notify` message
 * in the business transaction (cheap, no I/O); the handler of that topic — registered as external,
 * so its batches run isolated — composes and sends after commit.
 */
export function registerMail(reg: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }, env: MailConfig): void {
  // Without a mail server nothing would be sent: no message is queued (a batch of new tickets asks once).
  reg.outbox.handleBatch('ticket.created', 'mail', async (ctx, messages) => {
    if (!(await oncePerBatch(ctx, 'mail.transport', () => resolveTransport(ctx.tx, ctx, env)))) return;
    await enqueueMany(
      ctx.tx,
      ctx.clock.now(),
      messages.map((m) => ({ topic: 'mail.notify' as const, payload: { ticketId: m.payload.ticketId, kind: 'received' as const } })),
    );
  });
  reg.outbox.handle('repair.quoted', 'mail', async (ctx, p) => {
    const detail = `报价 / Quote v${p.quoteVersion}: ${formatFen(p.totalFen)}`;
    await enqueue(ctx.tx, ctx.clock.now(), 'mail.notify', { ticketId: p.ticketId, kind: 'quote', detail });
  });
  reg.outbox.handle('mail.notify', 'mail', (ctx, p, message) => notifyByMail(ctx, env, p, message.id), { external: true });
  reg.outbox.handle('mail.retry', 'mail', (ctx, p) => retryMail(ctx, env, p.mailId), { external: true });

  reg.ticketRegistry.react('mail', {
    // 回复客户 / 进度通报: the mail carries the event just written.
    async afterEvent(ctx, args) {
      const kind = args.eventType === 'public_reply' ? 'reply' : args.eventType === 'progress_update' ? 'progress' : null;
      if (!kind) return;
      const events = await listEvents(ctx.tx, 'ticket', args.after.id, { includeInternal: false });
      const event = events.findLast((e) => e.type === args.eventType);
      await enqueue(ctx.tx, ctx.clock.now(), 'mail.notify', { ticketId: args.after.id, kind, eventId: event?.id ?? null });
    },
    // 已解决: tell the customer, and a day later ask for a rating (RULES.md: follow-up 24–72 h after completion).
    async afterTransition(ctx, args) {
      if (args.to !== 'resolved') return;
      const now = ctx.clock.now();
      await enqueue(ctx.tx, now, 'mail.notify', { ticketId: args.after.id, kind: 'resolved', detail: args.reason ?? null });
      await enqueue(ctx.tx, new Date(now.getTime() + DAY_MS), 'mail.notify', { ticketId: args.after.id, kind: 'survey' });
    },
  });
}
