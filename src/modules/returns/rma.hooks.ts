import type { OutboxRegistry } from '../../jobs/outbox';
import type { TopicName, TopicPayload } from '../../jobs/catalogue';
import { RMA_LIFECYCLE } from '../../domain/returns/rma.status';
import { AppError } from '../../domain/shared/errors';
import { appendEvent } from '../audit/audit.service';
import type { TicketRegistry } from '../tickets/tickets.service';
import { rmasOfTicket } from './rma.view';
import { cancelRmasOfCancelledTicket, refuseCancelWithGoodsMoving } from './use-cases/cancel-with-ticket';

type RmaTopic = Extract<TopicName, `rma.${string}`>;

// 告知客户 What the customer is told at each customer-facing step of an RMA.
const MESSAGES: { [N in RmaTopic]: (p: TopicPayload<N>) => string } = {
  'rma.approved': (p) => `您的退换货申请已通过，RMA 号 ${p.rmaNumber}。请于 ${p.shipBy} 前将商品寄至：${p.returnAddress}，并在包裹上注明 RMA 号。`,
  'rma.refused': (p) => `很抱歉，您的退换货申请（${p.number}）未通过审核：${p.reason}`,
  'rma.received': (p) => `我们已收到您寄回的商品（${p.number}），将在 24 小时内完成检验。`,
  'rma.inspected': (p) => `我们已收到并检验您寄回的商品（${p.number}）：${p.passed ? '检验通过' : '检验未通过'}。${p.condition}`,
  'rma.exchange_shipped': (p) => `您的换货（${p.model}）已发出：${p.courier}，运单号 ${p.trackingNumber}。`,
  'rma.rejected': (p) => `您寄回的商品（${p.number}）经检验不符合退换货条件：${p.reason}。商品将寄回给您。`,
  'rma.sent_back': (p) => `您的商品（${p.number}）已寄回：${p.courier}，运单号 ${p.trackingNumber}。`,
};

/**
 * The returns module's part of the composition root: each customer-facing step becomes a public event
 * on the ticket's timeline (客户可见), where the customer channels read it. The delivery transaction
 * appends to the chain only (step 3), locking no subject.
 */
export function registerReturns(modules: { ticketRegistry: TicketRegistry; outbox: OutboxRegistry }): void {
  // A ticket is not resolved while goods or money are still on their way (the RMA closes first).
  modules.ticketRegistry.react('returns', {
    beforeTransition: async (ctx, { before, to }) => {
      if (to === 'cancelled') return refuseCancelWithGoodsMoving(ctx, before.id);
      if (to !== 'resolved') return;
      const open = (await rmasOfTicket(ctx.tx, before.id)).filter((r) => RMA_LIFECYCLE.isOpen(r.status));
      if (open.length)
        throw new AppError('conflict', {
          message: `ticket ${before.id} has open RMAs`,
          userMessage: { zh: `仍有未完成的退换货单：${open.map((r) => r.number).join('、')}`, en: `RMAs still open: ${open.map((r) => r.number).join(', ')}` },
          details: { openRmas: open.map((r) => r.number) },
        });
    },
    // A cancelled ticket cancels its RMAs that have not shipped yet, and their clocks.
    afterTransition: async (ctx, { after, to, actor, reason }) => {
      if (to === 'cancelled') await cancelRmasOfCancelledTicket(ctx, after, actor, reason ?? null);
    },
  });
  for (const topic of Object.keys(MESSAGES) as RmaTopic[]) {
    modules.outbox.handle(topic, 'returns', async (ctx, p) => {
      const payload = p as TopicPayload<RmaTopic>;
      await appendEvent(ctx.tx, ctx, {
        subjectType: 'ticket',
        subjectId: payload.ticketId,
        type: 'customer_notice',
        actor: { id: null, name: 'system', role: 'system' },
        visibility: 'public',
        body: (MESSAGES[topic] as (x: typeof payload) => string)(payload),
        data: { topic, rmaId: payload.rmaId },
      });
    });
  }
}
