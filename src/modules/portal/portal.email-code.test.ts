import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { startCapture } from '../../../test/helpers/mail-capture';
import { cookieOf, portalApi } from '../../../test/helpers/portal';

// 邮件验证码 (issue 14: "phone verified by a one-time code (SMS or email)"): a company with a mail server
// and no SMS gateway still takes requests from the portal. Through the real outbox and a real SMTP server.
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startCapture>>;
let api: ReturnType<typeof portalApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = portalApi(t);
  smtp = await startCapture();
}, 60_000);
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

const mailTo = (address: string) => smtp.to(address).map((m) => m.mail);
const codeIn = (text: string | undefined) => /验证码是 (\d{6})/.exec(text ?? '')?.[1];

describe('a one-time code by e-mail', () => {
  it('is not offered while no mail server is set up: the answer says nothing was sent and no code exists', async () => {
    expect((await api.portal('GET', '/code-channels')).json()).toEqual({ sms: false, email: false });
    const res = await api.portal('POST', '/codes', { payload: { phone: '13955550000', via: 'email', email: 'nobody@customer.test' } });
    expect(res.json()).toEqual({ sent: false, channel: null });
    const rows = await t.ctx.database.exec(`select count(*)::int as n from portal_codes`);
    expect((rows.rows[0] as { n: number }).n).toBe(0);
  });

  it('reaches the customer’s mailbox once, opens a request with that e-mail on the contact, and cannot be used twice', async () => {
    const set = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/mail/settings',
      payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: null, fromAddress: '售后服务 <support@shouhou.test>' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await api.portal('GET', '/code-channels')).json()).toEqual({ sms: false, email: true });

    const email = 'li.wei@customer.test';
    const phone = '13955551111';
    const sent = await api.portal('POST', '/codes', { payload: { phone, via: 'email', email } });
    expect(sent.json()).toEqual({ sent: true, channel: 'email' });
    // Nothing leaves before commit's outbox delivery runs; then exactly one mail.
    expect(mailTo(email)).toHaveLength(0);
    await t.workers.runOnce();
    const [mail] = mailTo(email);
    expect(mailTo(email)).toHaveLength(1);
    expect(mail!.subject).toContain('验证码');
    const code = codeIn(mail!.text);
    expect(code).toMatch(/^\d{6}$/);
    // What the database keeps: the code masked, the real text gone once sent, no copy of the message.
    const kept = await t.ctx.database.exec(`select text, secret_text_enc, raw_enc, status from mail_messages where kind = 'one_time_code'`);
    expect(kept.rows).toEqual([{ text: expect.stringContaining('●●●●●●'), secret_text_enc: null, raw_enc: null, status: 'sent' }]);
    expect(JSON.stringify(kept.rows)).not.toContain(code!);

    // A code sent to the e-mail is not a code for the phone.
    const body = { contactName: '李伟', phone, description: '设备开机报警 E05', code: code! };
    expect((await api.portal('POST', '/requests', { payload: body })).statusCode).toBe(400);
    const made = await api.portal('POST', '/requests', { payload: { ...body, email } });
    expect(made.statusCode, made.body).toBe(201);
    expect(cookieOf(made)).toBeTruthy();
    expect((await api.portal('POST', '/requests', { payload: { ...body, email } })).statusCode).toBe(400);

    // Staff find the customer with that e-mail (masked until revealed).
    const number = (made.json() as { number: string }).number;
    const ticket = await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${await api.ticketIdOf(number)}` });
    const customerId = (ticket.json() as { customerId: string }).customerId;
    const customer = (await t.as('agent', { method: 'GET', url: `/api/v1/customers/${customerId}` })).json() as { contacts: { email: string | null }[] };
    expect(customer.contacts[0]!.email).toContain('*');
    expect(customer.contacts[0]!.email).toMatch(/@customer\.test$/);
  });

  it('a request verified by e-mail never joins the customer whose phone was typed beside it', async () => {
    // 王工's phone is on record (verified by SMS another time); someone else types it with their own e-mail.
    const owner = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: '王工', kind: 'person', contacts: [{ name: '王工', phone: '13955556666' }] },
    });
    expect(owner.statusCode, owner.body).toBe(201);
    const email = 'someone.else@customer.test';
    await api.portal('POST', '/codes', { payload: { phone: '13955556666', via: 'email', email } });
    await t.workers.runOnce();
    const code = codeIn(mailTo(email).at(-1)?.text);
    const made = await api.portal('POST', '/requests', {
      payload: { contactName: '李四', phone: '13955556666', email, code, description: '设备报警' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const ticket = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${await api.ticketIdOf(made.json().number)}` })).json() as {
      customerId: string;
    };
    expect(ticket.customerId).not.toBe(owner.json().id);
  });

  it('refuses a code by e-mail without an address, and a wrong address, in the error shape and without a code', async () => {
    const before = (await t.ctx.database.exec(`select count(*)::int as n from portal_codes`)).rows[0] as { n: number };
    const none = await api.portal('POST', '/codes', { payload: { phone: '13955552222', via: 'email' } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.email']);
    const bad = await api.portal('POST', '/codes', { payload: { phone: '13955552222', via: 'email', email: 'not-an-address' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.email']);
    const after = (await t.ctx.database.exec(`select count(*)::int as n from portal_codes`)).rows[0] as { n: number };
    expect(after.n).toBe(before.n);
  });

  it('is throttled per address like SMS codes: the sixth in an hour is refused', async () => {
    const email = 'busy@customer.test';
    for (let i = 0; i < 5; i++)
      expect((await api.portal('POST', '/codes', { payload: { phone: '13955553333', via: 'email', email } })).json()).toEqual({ sent: true, channel: 'email' });
    const sixth = await api.portal('POST', '/codes', { payload: { phone: '13955553333', via: 'email', email } });
    expect(sixth.statusCode).toBe(429);
  });

  it('a failed send is not retried: a late code is worse than none', async () => {
    const email = 'late@customer.test';
    await t.workers.runOnce(); // what earlier tests queued goes first
    smtp.failNext(1);
    await api.portal('POST', '/codes', { payload: { phone: '13955554444', via: 'email', email } });
    await t.workers.runOnce();
    t.clock.advance(60 * 60_000);
    await t.workers.runOnce();
    expect(mailTo(email)).toHaveLength(0);
    const rows = await t.ctx.database.exec(`select status, attempts, secret_text_enc from mail_messages where kind = 'one_time_code' and status <> 'sent'`);
    expect(rows.rows).toEqual([{ status: 'failed', attempts: 1, secret_text_enc: null }]);
  });
});
