// 退换货 / 退款邮件 The customer's mail at each RMA and refund step: approved (RMA number and where to
// send the goods), refused, goods received, refund paid, refund failed (reason and new date — 000
// §退款服务). Subscribed to the returns and refunds modules' topics; written in the customer's language.
import { eq } from 'drizzle-orm';
import type { MailConfig } from '../../config';
import type { TxContext } from '../../context';
import { fenAsYuan, formatFen } from '../../domain/shared/money';
import type { Locale } from '../../domain/shared/errors';
import type { OutboxRegistry } from '../../jobs/outbox';
import type { TopicName, TopicPayload } from '../../jobs/catalogue';
import { loadTicket } from '../tickets/tickets.service';
import { recipientOf, ticketLocale } from './mail.compose';
import { attemptSend } from './mail.outbound';
import { queuedMailRow } from './mail.queued-row';
import { mailMessages } from './mail.tables';
import { resolveTransport } from './mail.transport';

type NoticeTopic = 'rma.approved' | 'rma.refused' | 'rma.received' | 'refund.paid' | 'refund.failed';
type Text = { subject: string; body: string };
type Template<N extends NoticeTopic> = Record<Locale, (p: TopicPayload<N>) => Text>;

const PAYMENT: Record<string, { zh: string; en: string }> = {
  alipay: { zh: '支付宝', en: 'Alipay' },
  wechat_pay: { zh: '微信支付', en: 'WeChat Pay' },
  bank_card: { zh: '银行卡', en: 'bank card' },
  bank_transfer: { zh: '银行转账', en: 'bank transfer' },
  cash: { zh: '现金', en: 'cash' },
};

/** Subject and body per topic and language ({ticket} is the ticket's number, for threading). */
export const RMA_NOTICE_TEMPLATES: { [N in NoticeTopic]: Template<N> } = {
  'rma.approved': {
    'zh-CN': (p) => ({
      subject: `退换货申请已通过，RMA 号 ${p.rmaNumber}`,
      body: `您的退换货申请（${p.number}）已通过审核。\nRMA 号：${p.rmaNumber}\n请于 ${p.shipBy} 前将商品寄至：${p.returnAddress}\n并在包裹上注明 RMA 号。`,
    }),
    en: (p) => ({
      subject: `Return approved, RMA number ${p.rmaNumber}`,
      body: `Your return request (${p.number}) is approved.\nRMA number: ${p.rmaNumber}\nPlease send the goods by ${p.shipBy} to: ${p.returnAddress}\nand write the RMA number on the parcel.`,
    }),
  },
  'rma.refused': {
    'zh-CN': (p) => ({ subject: `退换货申请未通过（${p.number}）`, body: `很抱歉，您的退换货申请（${p.number}）未通过审核。\n原因：${p.reason}` }),
    en: (p) => ({
      subject: `Return request refused (${p.number})`,
      body: `We are sorry: your return request (${p.number}) was not approved.\nReason: ${p.reason}`,
    }),
  },
  'rma.received': {
    'zh-CN': (p) => ({ subject: `已收到您寄回的商品（${p.number}）`, body: `我们已收到您寄回的商品（${p.number}），将在 24 小时内完成检验并告知结果。` }),
    en: (p) => ({
      subject: `We received your return (${p.number})`,
      body: `We received the goods you sent back (${p.number}) and will inspect them within 24 hours.`,
    }),
  },
  'refund.paid': {
    'zh-CN': (p) => ({
      subject: `退款已支付 ${formatFen(p.amountFen)}（${p.number}）`,
      body: `您的退款（${p.number}）${formatFen(p.amountFen)} 已按原支付方式（${PAYMENT[p.paymentMethod]?.zh ?? p.paymentMethod}）退回，请留意到账。`,
    }),
    en: (p) => ({
      subject: `Refund paid: CNY ${fenAsYuan(p.amountFen)} (${p.number})`,
      body: `Your refund (${p.number}) of CNY ${fenAsYuan(p.amountFen)} was paid back to the original payment method (${PAYMENT[p.paymentMethod]?.en ?? p.paymentMethod}).`,
    }),
  },
  'refund.failed': {
    'zh-CN': (p) => ({
      subject: `退款未能到账（${p.number}）`,
      body: `很抱歉，您的退款（${p.number}）未能支付成功。\n原因：${p.reason}\n我们将于 ${p.newDueOn} 前重新退款。`,
    }),
    en: (p) => ({
      subject: `Your refund could not be paid (${p.number})`,
      body: `We are sorry: your refund (${p.number}) could not be paid.\nReason: ${p.reason}\nWe will pay it again by ${p.newDueOn}.`,
    }),
  },
};

/**
 * One notice mail for one outbox message: keyed by that message (dedupeKey), so a delivery run again
 * never composes or sends twice. No mail settings or no customer e-mail: nothing is sent.
 */
async function sendNotice<N extends NoticeTopic>(ctx: TxContext, env: MailConfig, topic: N, p: TopicPayload<N>, outboxId: number): Promise<void> {
  const dedupeKey = `outbox:${outboxId}`;
  const [done] = await ctx.tx.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.dedupeKey, dedupeKey));
  if (done) return;
  const transport = await resolveTransport(ctx.tx, ctx, env);
  if (!transport) return;
  const ticket = await loadTicket(ctx.tx, (p as { ticketId: string }).ticketId);
  const to = await recipientOf(ctx, ticket);
  if (!to) return;
  const locale = await ticketLocale(ctx, ticket.id);
  const text = (RMA_NOTICE_TEMPLATES[topic] as Template<N>)[locale](p);
  const [row] = await ctx.tx
    .insert(mailMessages)
    .values(
      queuedMailRow(
        ctx,
        transport,
        {
          to: to.address,
          ticketId: ticket.id,
          kind: topic.replace('.', '_'),
          locale,
          subject: `[${ticket.number}] ${text.subject}`,
          text: text.body,
          dedupeKey,
        },
        ctx.clock.now(),
      ),
    )
    .returning();
  await attemptSend(ctx, env, row!, to.inReplyTo);
}

/** Registration (src/composition.ts): external handlers, so a slow mail server never holds up a batch. */
export function registerRmaMail(reg: { outbox: OutboxRegistry }, env: MailConfig): void {
  for (const topic of Object.keys(RMA_NOTICE_TEMPLATES) as NoticeTopic[]) {
    reg.outbox.handle(topic as TopicName & NoticeTopic, 'mail', (ctx, p, message) => sendNotice(ctx, env, topic, p as TopicPayload<typeof topic>, message.id), {
      external: true,
    });
  }
}
