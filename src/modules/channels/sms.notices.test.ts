import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverOutbox, enqueue } from '../../jobs/outbox';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { GATEWAY_KEYS, startFakeGateways, type FakeGateways } from '../../../test/helpers/channel-servers';

// 状态通知短信: the customer-facing ticket events reach the contact's phone through the gateway the
// admin configured (a local stand-in checking the provider's signature), once per event, and the
// ticket page sees each notice's fate.
let t: TestApp;
let gw: FakeGateways;
beforeAll(async () => {
  process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK = '1';
  t = await createTestApp();
  gw = await startFakeGateways(() => t.clock.now());
  // A first save that does not choose: received + resolved.
  expect((await save()).json().noticeEvents).toEqual(['received', 'resolved']);
});
afterAll(async () => {
  delete process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK;
  await gw?.close();
  await t?.close();
});
beforeEach(async () => {
  expect((await save({ noticeEvents: ['received', 'resolved'] })).statusCode).toBe(200);
  await drain();
  gw.received.length = 0;
});

const drain = async () => {
  for (let i = 0; i < 10 && (await deliverOutbox(t.ctx, t.modules.outbox)) > 0; i++);
};
const aliyun = (over: Record<string, unknown> = {}) => ({
  provider: 'aliyun',
  accessKeyId: GATEWAY_KEYS.aliyun.id,
  accessKeySecret: GATEWAY_KEYS.aliyun.secret,
  signName: '售后服务',
  templateCode: 'SMS_100001',
  templateNotice: 'SMS_100002',
  endpoint: `${gw.url}/aliyun/`,
  enabled: true,
  ...over,
});
const save = (over: Record<string, unknown> = {}) => t.as('admin', { method: 'PUT', url: '/api/v1/channels/sms/settings', payload: aliyun(over) });

const newTicket = async (phone: string | null) => {
  const res = await t.as('agent', {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: {
      channel: 'phone',
      requestType: 'repair',
      description: '打印机卡纸，无法打印',
      customer: { name: `客户${randomUUID().slice(0, 6)}`, kind: 'person', ...(phone ? { phone } : { email: 'no.phone@customer.test' }) },
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
};
const ticketSms = async (id: string, role: 'agent' | 'quality' = 'agent') => t.as(role, { method: 'GET', url: `/api/v1/tickets/${id}/sms` });
const smsOf = async (id: string) =>
  (await ticketSms(id)).json().items as { status: string; phoneMasked: string; text: string | null; attempts: number; error: string | null }[];
const notices = () => gw.received.map((r) => Object.fromEntries(new URLSearchParams(r.body))).filter((f) => f.TemplateCode === 'SMS_100002');

describe('状态通知短信 on the ticket events', () => {
  it('a new ticket with a contact phone gets one 已受理 notice carrying its number, shown on the ticket masked', async () => {
    const { id, number } = await newTicket('138 1234 5678');
    expect(notices()).toHaveLength(0); // after commit, through the outbox
    await drain();
    expect(gw.received.map((r) => r.verdict)).toEqual(['OK']);
    const [sent] = notices();
    expect(sent).toMatchObject({ PhoneNumbers: '13812345678', TemplateCode: 'SMS_100002' });
    expect(JSON.parse(sent!.TemplateParam!)).toEqual({ number, status: '已受理' });
    const list = await smsOf(id);
    expect(list).toMatchObject([{ status: 'sent', phoneMasked: '138****5678', attempts: 1 }]);
    expect(list[0]!.text).toContain(number);
    expect(list[0]!.text).toContain('已受理');
    expect(JSON.stringify(list)).not.toContain('13812345678');
  });

  it('resolving the ticket sends the 已解决 notice', async () => {
    const { id, number } = await newTicket('13812345601');
    await drain();
    gw.received.length = 0;
    expect((await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'in_progress' } })).statusCode).toBe(200);
    const res = await t.as('engineer', {
      method: 'POST',
      url: `/api/v1/tickets/${id}/transitions`,
      payload: { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换搓纸轮' } },
    });
    expect(res.statusCode).toBe(200);
    await drain();
    expect(notices().map((n) => JSON.parse(n.TemplateParam!))).toEqual([{ number, status: '已解决' }]);
    expect((await smsOf(id)).map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('a refusing gateway: the notice is tried three times, then failed, and the ticket says so', async () => {
    expect((await save({ accessKeySecret: 'not-the-secret' })).statusCode).toBe(200);
    const { id } = await newTicket('13812345602');
    for (let i = 0; i < 5; i++) {
      await drain();
      t.clock.advance(200_000);
    }
    expect(gw.received.map((r) => r.verdict)).toEqual(['SignatureDoesNotMatch', 'SignatureDoesNotMatch', 'SignatureDoesNotMatch']);
    const [m] = await smsOf(id);
    expect(m).toMatchObject({ status: 'failed', attempts: 3 });
    expect(m!.error).toContain('SignatureDoesNotMatch');
  });

  it('a redelivered outbox message sends nothing twice', async () => {
    const { id } = await newTicket('13812345603');
    await drain();
    expect(notices()).toHaveLength(1);
    await t.ctx.database.exec(
      `update outbox set delivered_at = null, attempts = 0 where topic in ('ticket.created', 'channels.sms_notice', 'channels.sms_send')`,
    );
    await drain();
    expect(notices()).toHaveLength(1);
    expect(await smsOf(id)).toHaveLength(1);
  });

  it('no phone, the event not chosen, or the gateway disabled: no SMS at all', async () => {
    const noPhone = await newTicket(null);
    await drain();
    expect(await smsOf(noPhone.id)).toEqual([]);

    expect((await save({ noticeEvents: ['resolved'] })).json().noticeEvents).toEqual(['resolved']);
    const notChosen = await newTicket('13812345604');
    await drain();
    expect(await smsOf(notChosen.id)).toEqual([]);

    expect((await save({ enabled: false, noticeEvents: ['received', 'resolved'] })).statusCode).toBe(200);
    const disabled = await newTicket('13812345605');
    await drain();
    expect(await smsOf(disabled.id)).toEqual([]);
    expect(gw.received).toHaveLength(0);
    const rows = await t.ctx.database.exec(
      `select count(*)::int as n from sms_messages where ticket_id in ('${noPhone.id}','${notChosen.id}','${disabled.id}')`,
    );
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it('a repair quote sends its notice when the admin chose it', async () => {
    expect((await save({ noticeEvents: ['quote'] })).statusCode).toBe(200);
    const { id, number } = await newTicket('13812345606');
    await t.ctx.db.transaction((tx) =>
      enqueue(tx, t.clock.now(), 'repair.quoted', { repairId: randomUUID(), ticketId: id, number, quoteVersion: 1, totalFen: 35_000 }),
    );
    await drain();
    expect(notices().map((n) => JSON.parse(n.TemplateParam!))).toEqual([{ number, status: '报价待确认' }]);
  });
});

describe('settings and access', () => {
  it('stores the chosen events and audits the change', async () => {
    const read = await t.as('admin', { method: 'GET', url: '/api/v1/channels/sms/settings' });
    expect(read.json().settings.noticeEvents).toEqual(['received', 'resolved']);
    expect((await save({ noticeEvents: ['received', 'rma_result'] })).json().noticeEvents).toEqual(['received', 'rma_result']);
    const chain = await t.as('admin', { method: 'GET', url: '/api/v1/audit/channel_settings/00000000-0000-4000-8000-0000000c4a77' });
    const last = (chain.json().items as { data: { area: string; changes: { field: string; from: unknown; to: unknown }[] } }[])
      .filter((e) => e.data.area === 'sms')
      .at(-1);
    expect(last!.data.changes).toContainEqual({ field: 'noticeEvents', from: ['received', 'resolved'], to: ['received', 'rma_result'] });
  });

  it('refuses an unknown event with its field path', async () => {
    const res = await save({ noticeEvents: ['received', 'birthday'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('body.noticeEvents.1');
  });

  it('a role that cannot read the ticket is refused its SMS', async () => {
    const { id } = await newTicket('13812345607');
    expect((await ticketSms(id, 'quality')).statusCode).toBe(403);
    expect((await ticketSms(id)).statusCode).toBe(200);
  });

  it('erasing the customer (PIPL Art 47) removes the number from their notices; one still queued is never sent', async () => {
    const { id } = await newTicket('13812345611');
    await drain();
    const ticket = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}` })).json() as { customer: { id: string } };
    // A resolved notice queued but not yet delivered when the erasure comes.
    await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'in_progress' } });
    const resolved = await t.as('agent', {
      method: 'POST',
      url: `/api/v1/tickets/${id}/transitions`,
      payload: { to: 'resolved', resolution: { solutionType: 'consultation_training', summary: '电话指导操作' } },
    });
    expect(resolved.statusCode).toBe(200);
    const step = async (url: string, payload: unknown) => {
      const res = await t.as('manager', { method: 'POST', url: `/api/v1${url}`, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as { id: string; erasureCounts: Record<string, number> | null };
    };
    const req = await step('/privacy/requests', { customerId: ticket.customer.id, kind: 'erasure', channel: '书面申请' });
    await step(`/privacy/requests/${req.id}/transition`, { to: 'verified', verification: '核对身份证件' });
    gw.received.length = 0;
    const done = await step(`/privacy/requests/${req.id}/transition`, { to: 'done' });
    await drain();
    expect(notices()).toHaveLength(0);
    expect(done.erasureCounts?.smsNotices).toBeGreaterThanOrEqual(1);
    const list = await smsOf(id);
    expect(list.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(list)).not.toContain('5611');
    expect(list.filter((m) => m.status === 'queued')).toEqual([]);
  });
});
