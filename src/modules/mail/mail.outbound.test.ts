import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { startCapture } from '../../../test/helpers/mail-capture';
import { enqueue } from '../../jobs/outbox';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startCapture>>;

beforeAll(async () => {
  t = await createTestApp();
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

const newTicket = async (email: string, name = '王芳') => {
  const res = await t.as('agent', {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { channel: 'phone', requestType: 'repair', description: '打印机卡纸，无法打印', customer: { name, kind: 'person', email } },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
};
const events = async (id: string) =>
  (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/events` })).json().items as {
    id: number;
    type: string;
    data: Record<string, unknown> | null;
  }[];
const mails = async (id: string) =>
  (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/mail` })).json().items as {
    status: string;
    kind: string;
    eventId: number | null;
    attempts: number;
  }[];

describe('mail to the customer', () => {
  it('confirms a new ticket with its number and promised times, shown as delivered on the timeline', async () => {
    const { id, number } = await newTicket('wang.fang@customer.test');
    await t.workers.runOnce();
    const [got] = smtp.to('wang.fang@customer.test');
    expect(got?.mail.subject).toBe(`[${number}] 我们已受理您的服务请求`);
    expect(got?.mail.text).toContain(number);
    expect(got?.mail.text).toMatch(/前(确认收到|首次响应)/);
    expect(got?.mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect((await events(id)).some((e) => e.type === 'mail_sent')).toBe(true);
    expect(await mails(id)).toMatchObject([{ kind: 'received', status: 'sent', attempts: 1 }]);
  });

  it('sends a public reply; a refused send is retried with backoff, shows on the timeline, and never goes twice', async () => {
    const { id } = await newTicket('li.lei@customer.test', '李雷');
    await t.workers.runOnce();
    smtp.failNext(1);
    const reply = await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'public_reply', body: '明天上午工程师上门。' } });
    expect(reply.statusCode).toBe(201);
    await t.workers.runOnce();
    const replies = () => smtp.to('li.lei@customer.test').filter((m) => m.mail.text?.includes('明天上午工程师上门'));
    expect(replies()).toHaveLength(0);
    const failed = (await events(id)).find((e) => e.type === 'mail_failed');
    expect(failed?.data).toMatchObject({ kind: 'reply', attempt: 1, willRetry: true });
    expect((await mails(id)).find((m) => m.kind === 'reply')).toMatchObject({ status: 'queued', attempts: 1, eventId: reply.json().id });

    await t.workers.runOnce(); // the retry waits its backoff
    expect(replies()).toHaveLength(0);
    t.clock.advance(61_000);
    await t.workers.runOnce();
    expect(replies()).toHaveLength(1);
    expect((await mails(id)).find((m) => m.kind === 'reply')).toMatchObject({ status: 'sent', attempts: 2 });

    // The outbox delivering its messages again (a crash after sending) finds the mail already sent.
    await t.ctx.database.exec(`update outbox set delivered_at = null, attempts = 0 where topic in ('mail.notify', 'mail.retry')`);
    t.clock.advance(3_600_000);
    await t.workers.runOnce();
    expect(replies()).toHaveLength(1);
    expect(smtp.to('li.lei@customer.test')).toHaveLength(2);
  });

  it('gives up after the last attempt and says so', async () => {
    const { id } = await newTicket('give.up@customer.test');
    smtp.failNext(100);
    for (let i = 0; i < 8; i++) {
      await t.workers.runOnce();
      t.clock.advance(3_600_000);
    }
    smtp.failNext(0);
    expect(await mails(id)).toMatchObject([{ status: 'failed', attempts: 6 }]);
    expect((await events(id)).filter((e) => e.type === 'mail_failed').at(-1)?.data).toMatchObject({ willRetry: false });
  });

  it('tells the customer the ticket is resolved, in the customer language of the template', async () => {
    const { id, number } = await newTicket('resolved@customer.test');
    await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'in_progress' } });
    const res = await t.as('engineer', {
      method: 'POST',
      url: `/api/v1/tickets/${id}/transitions`,
      payload: { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换搓纸轮' } },
    });
    expect(res.statusCode).toBe(200);
    await t.workers.runOnce();
    expect(smtp.to('resolved@customer.test').map((m) => m.mail.subject)).toContain(`[${number}] 您的问题已解决`);
    t.clock.advance(86_400_000 + 1000);
    await t.workers.runOnce();
    expect(smtp.to('resolved@customer.test').map((m) => m.mail.subject)).toContain(`[${number}] 请为本次服务评分`);
  });

  it('asks the customer to approve a repair quote (repair.quoted)', async () => {
    const { id, number } = await newTicket('quote@customer.test');
    await t.ctx.db.transaction((tx) =>
      enqueue(tx, t.clock.now(), 'repair.quoted', { repairId: randomUUID(), ticketId: id, number, quoteVersion: 1, totalFen: 35_000 }),
    );
    await t.workers.runOnce();
    const quote = smtp.to('quote@customer.test').find((m) => m.mail.subject === `[${number}] 维修报价待您确认`);
    expect(quote?.mail.text).toContain('¥350.00');
  });

  it('keeps customer-controlled text out of the headers (header injection)', async () => {
    const tpl = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/message-templates/email/received/zh-CN',
      payload: { subject: '[{number}] {customer} 已受理', body: '{customer}，您好：工单 {number}' },
    });
    expect(tpl.statusCode).toBe(200);
    const { number } = await newTicket('inject@customer.test', '赵六\r\nBcc: victim@evil.test');
    await t.workers.runOnce();
    const [got] = smtp.to('inject@customer.test');
    expect(got?.envelopeTo).toEqual(['inject@customer.test']);
    expect(got?.mail.bcc).toBeUndefined();
    expect(got?.mail.subject).toBe(`[${number}] 赵六 Bcc: victim@evil.test 已受理`);
    expect(smtp.received.some((m) => m.envelopeTo.includes('victim@evil.test'))).toBe(false);
    await t.as('admin', { method: 'DELETE', url: '/api/v1/message-templates/email/received/zh-CN' });

    const badFrom = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/mail/settings',
      payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: null, fromAddress: 'a@b.test\r\nBcc: victim@evil.test' },
    });
    expect(badFrom.statusCode).toBe(400);
    const badTo = await t.as('admin', { method: 'POST', url: '/api/v1/mail/test', payload: { to: 'a@b.test\r\nBcc: victim@evil.test' } });
    expect(badTo.statusCode).toBe(400);
    const badSubject = await t.as('admin', { method: 'POST', url: '/api/v1/message-templates/preview', payload: { subject: 'x\r\nBcc: y', body: 'b' } });
    expect(badSubject.statusCode).toBe(400);
  });
});

describe('admin mail settings', () => {
  it('shows the settings without the password, stores it encrypted, and sends a test mail', async () => {
    const save = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/mail/settings',
      payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: null, password: 'smtp-secret-1', fromAddress: 'support@shouhou.test' },
    });
    expect(save.json()).toMatchObject({ source: 'database', hasPassword: true });
    expect(save.body).not.toContain('smtp-secret-1');
    const stored = await t.ctx.database.exec('select password_enc from mail_settings');
    expect(String(stored.rows[0]?.password_enc)).toMatch(/^v1:/);
    // Back without credentials (the capture server takes none).
    await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/mail/settings',
      payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: null, password: null, fromAddress: 'support@shouhou.test' },
    });
    const test = await t.as('admin', { method: 'POST', url: '/api/v1/mail/test', payload: { to: 'admin@shouhou.test' } });
    expect(test.json()).toEqual({ delivered: true, error: null });
    expect(smtp.to('admin@shouhou.test')[0]?.mail.subject).toBe('售后系统测试邮件');
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/mail/settings' })).statusCode).toBe(403);
  });

  it('reports the server refusing the test mail', async () => {
    smtp.failNext(1);
    const test = await t.as('admin', { method: 'POST', url: '/api/v1/mail/test', payload: { to: 'admin@shouhou.test' } });
    expect(test.json().delivered).toBe(false);
    expect(test.json().error).toMatch(/451|busy/);
  });
});
