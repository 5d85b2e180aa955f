import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { startCapture } from '../../../test/helpers/mail-capture';
import { rmaApi } from '../../../test/helpers/rma';
import { RMA_NOTICE_TEMPLATES } from './mail.rma-notices';

// 退换货 / 退款邮件 through the real outbox and a real SMTP server (the in-suite capture).
let t: TestApp;
let api: ReturnType<typeof rmaApi>;
let smtp: Awaited<ReturnType<typeof startCapture>>;
beforeAll(async () => {
  t = await createTestApp();
  api = rmaApi(t);
  smtp = await startCapture();
  const res = await t.as('admin', {
    method: 'PUT',
    url: '/api/v1/mail/settings',
    payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: null, fromAddress: '售后服务 <support@shouhou.test>' },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

const customer = (email: string) => ({ customer: { name: '赵敏', kind: 'person', email } });
const subjects = (email: string) => smtp.to(email).map((m) => m.mail.subject ?? '');
const textOf = (email: string, part: string) => smtp.to(email).find((m) => m.mail.subject?.includes(part))?.mail.text ?? '';

describe('customer mail at RMA and refund steps', () => {
  it('approved with RMA number and address, received, refund failed with reason and new date, refund paid — each once', async () => {
    const email = 'zhao.min@customer.test';
    const { ticket, rma } = await api.create({}, customer(email));
    await api.approve(rma.id);
    await t.workers.runOnce();
    expect(subjects(email)).toContain(`[${ticket.number}] 退换货申请已通过，RMA 号 RMA-${rma.number}`);
    expect(textOf(email, '已通过')).toContain('上海市浦东新区张江路 88 号 售后仓');
    expect(textOf(email, '已通过')).toContain('2026-11-23');

    await api.shipped(rma.id);
    await api.receive(rma.id);
    await t.workers.runOnce();
    expect(subjects(email)).toContain(`[${ticket.number}] 已收到您寄回的商品（${rma.number}）`);

    await api.inspect(rma.id);
    const done = await api.ok('agent', 'POST', `/rmas/${rma.id}/outcome`, { outcome: 'refund', attribution: 'customer_cause' });
    await api.ok('finance', 'POST', `/refunds/${done.refundId}/approve`);
    await api.ok('finance', 'POST', `/refunds/${done.refundId}/fail`, { reason: '收款账户信息有误，银行退回', newDueOn: '2026-12-04' });
    await t.workers.runOnce();
    const failed = textOf(email, '退款未能到账');
    expect(failed).toContain('收款账户信息有误，银行退回');
    expect(failed).toContain('2026-12-04');

    await api.ok('finance', 'POST', `/refunds/${done.refundId}/pay`, { reference: 'ICBC-20261203-0001' });
    await t.workers.runOnce();
    await t.workers.runOnce();
    const paid = smtp.to(email).filter((m) => m.mail.subject?.includes('退款已支付'));
    expect(paid).toHaveLength(1);
    expect(paid[0]!.mail.text).toContain('支付宝');
    expect(smtp.to(email).filter((m) => m.mail.subject?.includes('已通过'))).toHaveLength(1);
    const kinds = ((await api.ok('agent', 'GET', `/tickets/${ticket.id}/mail`)).items as { kind: string; status: string }[]).map(
      (m) => `${m.kind}:${m.status}`,
    );
    expect(kinds).toEqual(expect.arrayContaining(['rma_approved:sent', 'rma_received:sent', 'refund_failed:sent', 'refund_paid:sent']));
  });

  it('a refused request tells the reason', async () => {
    const email = 'qian.li@customer.test';
    const { ticket, rma } = await api.create({}, customer(email));
    await api.ok('manager', 'POST', `/rmas/${rma.id}/review`, {
      decision: 'refuse',
      reason: '商品已激活使用，不符合无理由退货条件',
      attribution: 'customer_cause',
    });
    await t.workers.runOnce();
    expect(subjects(email)).toContain(`[${ticket.number}] 退换货申请未通过（${rma.number}）`);
    expect(textOf(email, '未通过')).toContain('商品已激活使用');
  });

  it('has an English text for each notice', () => {
    const en = RMA_NOTICE_TEMPLATES['refund.failed'].en({
      refundId: crypto.randomUUID(),
      ticketId: crypto.randomUUID(),
      number: 'R1',
      reason: 'wrong account',
      newDueOn: '2026-12-04',
    });
    expect(en.body).toContain('by 2026-12-04');
    for (const [topic, t] of Object.entries(RMA_NOTICE_TEMPLATES)) expect(Object.keys(t).sort(), topic).toEqual(['en', 'zh-CN']);
  });
});
