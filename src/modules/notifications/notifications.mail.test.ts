import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { startCapture } from '../../../test/helpers/mail-capture';

// 邮件提醒: a staff user's own choice of in-app notifications that also come by e-mail, sent through
// the outbox to the real SMTP server the suite starts.
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

const withCookie = (cookie: string, o: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }) =>
  t.app.inject({ method: o.method as 'GET', url: o.url, payload: o.payload as object, headers: { cookie, ...(o.headers ?? {}) } });

const savePrefs = (cookie: string, address: string | null, kinds: string[]) =>
  withCookie(cookie, { method: 'PUT', url: '/api/v1/notifications/mail-settings', payload: { address, kinds } });

const newTicket = async (payload: Record<string, unknown> = {}) => {
  const res = await t.as('agent', {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { channel: 'phone', requestType: 'repair', description: '扫描仪无法开机', customer: { name: '周敏', kind: 'person' }, ...payload },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string };
};
const assign = async (ticketId: string, ownerId: string) =>
  expect((await t.as('manager', { method: 'PATCH', url: `/api/v1/tickets/${ticketId}`, payload: { ownerId } })).statusCode).toBe(200);
const deliver = async () => {
  for (let i = 0; i < 3; i++) await t.workers.runOnce();
};

describe('staff notifications by e-mail', () => {
  it('offers every kind worded in the reader’s language and keeps the choice', async () => {
    const empty = (await t.as('agent', { method: 'GET', url: '/api/v1/notifications/mail-settings' })).json();
    expect(empty).toMatchObject({ address: null, kinds: [] });
    expect(empty.choices.map((c: { label: string }) => c.label)).toContain('工单指派给我');
    const en = await t.as('agent', { method: 'GET', url: '/api/v1/notifications/mail-settings', headers: { 'accept-language': 'en' } });
    expect(en.json().choices.map((c: { label: string }) => c.label)).toContain('A ticket is assigned to me');

    const saved = await savePrefs(t.cookies.agent, 'agent.li@shouhou.test', ['ticket_assigned', 'sla_breached']);
    expect(saved.statusCode).toBe(200);
    const again = (await t.as('agent', { method: 'GET', url: '/api/v1/notifications/mail-settings' })).json();
    expect(again).toMatchObject({ address: 'agent.li@shouhou.test', kinds: ['ticket_assigned', 'sla_breached'] });
  });

  it('refuses a bad address or an unknown kind and keeps what was saved', async () => {
    expect((await savePrefs(t.cookies.agent, 'not an address', ['ticket_assigned'])).statusCode).toBe(400);
    expect((await savePrefs(t.cookies.agent, 'agent.li@shouhou.test', ['ticket_assigned', 'payroll'])).statusCode).toBe(400);
    const kept = (await t.as('agent', { method: 'GET', url: '/api/v1/notifications/mail-settings' })).json();
    expect(kept).toMatchObject({ address: 'agent.li@shouhou.test', kinds: ['ticket_assigned', 'sla_breached'] });
  });

  it('mails a ticket assigned to me, in Chinese, with what the bell shows; once only', async () => {
    const { id, number } = await newTicket();
    await assign(id, t.users.agent.id);
    await deliver();
    const got = smtp.to('agent.li@shouhou.test').filter((m) => m.mail.subject?.includes(number));
    expect(got).toHaveLength(1);
    expect(got[0]!.mail.subject).toBe(`【售后提醒】工单指派给您 ${number}`);
    expect(got[0]!.mail.text).toContain('通知设置');
    expect(got[0]!.mail.headers.get('auto-submitted')).toBe('auto-generated');
    await deliver();
    expect(smtp.to('agent.li@shouhou.test').filter((m) => m.mail.subject?.includes(number))).toHaveLength(1);
  });

  it('sends nothing for a kind the user did not choose (the in-app notice still arrives)', async () => {
    await savePrefs(t.cookies.manager, 'manager.wu@shouhou.test', ['sla_breached']);
    const { number } = await newTicket({ priority: 'urgent', priorityReason: '生产线停机' });
    await deliver();
    const bell = (await t.as('manager', { method: 'GET', url: '/api/v1/notifications' })).json().items as { title: string }[];
    expect(bell.some((n) => n.title.includes(number))).toBe(true);
    expect(smtp.to('manager.wu@shouhou.test').filter((m) => m.mail.subject?.includes(number))).toHaveLength(0);
  });

  it('writes to an English-speaking user in English', async () => {
    const lucy = await t.addUser('lucy', 'agent');
    expect((await withCookie(lucy.cookie, { method: 'PATCH', url: '/api/v1/me', payload: { locale: 'en' } })).statusCode).toBe(200);
    await savePrefs(lucy.cookie, 'lucy@shouhou.test', ['ticket_assigned']);
    const { id, number } = await newTicket();
    await assign(id, lucy.id);
    await deliver();
    const [got] = smtp.to('lucy@shouhou.test');
    expect(got?.mail.subject).toBe(`[shouhou] Ticket assigned to you: ${number}`);
    expect(got?.mail.text).toContain('Notification settings');
  });

  it('never mails a user disabled before the mail went out, nor one who cleared the address', async () => {
    const zhao = await t.addUser('zhao', 'agent');
    await savePrefs(zhao.cookie, 'zhao@shouhou.test', ['ticket_assigned']);
    const first = await newTicket();
    await assign(first.id, zhao.id);
    expect((await t.as('admin', { method: 'PATCH', url: `/api/v1/users/${zhao.id}`, payload: { active: false } })).statusCode).toBe(200);
    await deliver();
    expect(smtp.to('zhao@shouhou.test')).toHaveLength(0);

    const qian = await t.addUser('qian', 'agent');
    await savePrefs(qian.cookie, 'qian@shouhou.test', ['ticket_assigned']);
    await savePrefs(qian.cookie, null, ['ticket_assigned']);
    const second = await newTicket();
    await assign(second.id, qian.id);
    await deliver();
    expect(smtp.to('qian@shouhou.test')).toHaveLength(0);
  });

  // Last: it moves the clock a day on.
  it('tells a manager who chose so of a breach and of a timeout explanation waiting for approval', async () => {
    await savePrefs(t.cookies.manager, 'manager.wu@shouhou.test', ['sla_breached', 'explanation_pending']);
    const { id, number } = await newTicket({ priority: 'urgent', priorityReason: '生产线停机', ownerId: t.users.engineer.id });
    t.clock.advance(25 * 3_600_000); // past an urgent ticket's 24 h resolution
    await deliver();
    await t.refreshSessions();
    const ex = await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/timeout-explanations`, payload: { text: '备件缺货，供应商延迟发货' } });
    expect(ex.statusCode).toBe(201);
    await deliver();
    const subjects = smtp.to('manager.wu@shouhou.test').map((m) => m.mail.subject);
    expect(subjects).toContain(`【售后提醒】工单 ${number} 的超时说明待审批`);
    expect(subjects.some((s) => s?.startsWith(`【售后提醒】工单 ${number} `) && s.endsWith('已超时'))).toBe(true);
  }, 120_000);
});
