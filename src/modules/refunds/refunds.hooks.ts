import { fenAsYuan } from '../../domain/shared/money';
import type { OutboxRegistry } from '../../jobs/outbox';
import { appendEvent } from '../audit/audit.service';

const METHOD_ZH: Record<string, string> = { alipay: '支付宝', wechat_pay: '微信支付', bank_card: '银行卡', bank_transfer: '银行转账', cash: '现金' };

/**
 * The refunds module's part of the composition root: what the customer is told. Each message goes on
 * the ticket's timeline as a public event (客户可见), where the customer channels (mail, portal) read
 * it; the delivery transaction only appends to the chain (step 3), locking no subject.
 */
export function registerRefunds(modules: { outbox: OutboxRegistry }): void {
  const owner = 'refunds';
  modules.outbox.handle('refund.paid', owner, async (ctx, p) => {
    await appendEvent(ctx.tx, ctx, {
      subjectType: 'ticket',
      subjectId: p.ticketId,
      type: 'customer_notice',
      actor: { id: null, name: 'system', role: 'system' },
      visibility: 'public',
      body: `您的退款 ${fenAsYuan(p.amountFen)} 元已按原支付方式（${METHOD_ZH[p.paymentMethod] ?? p.paymentMethod}）退回，退款单号 ${p.number}。`,
      data: { topic: 'refund.paid', refundId: p.refundId },
    });
  });
  modules.outbox.handle('refund.failed', owner, async (ctx, p) => {
    await appendEvent(ctx.tx, ctx, {
      subjectType: 'ticket',
      subjectId: p.ticketId,
      type: 'customer_notice',
      actor: { id: null, name: 'system', role: 'system' },
      visibility: 'public',
      body: `很抱歉，您的退款（${p.number}）未能成功：${p.reason}。我们将于 ${p.newDueOn} 前重新退款。`,
      data: { topic: 'refund.failed', refundId: p.refundId, newDueOn: p.newDueOn },
    });
  });
}
