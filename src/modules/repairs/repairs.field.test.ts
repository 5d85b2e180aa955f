import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi, signaturePng } from '../../../test/helpers/repairs';

// Field service and return-to-factory steps as clocks on the repair subject (RULES.md Warranty /
// repair: on site within 48 h, 000 §保修服务; pickup within 24 h, shipped back within 3 working days,
// 003 §三; report within 3 working days after repair, 000), dispatch on the ticket's timeline, and
// 修复时间 without waiting for parts (001 §三.7).

let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
});
afterAll(async () => t?.close());

const HOUR = 3_600_000;
type Clock = { target: string; status: string; startedAt: string; dueAt: string; stoppedAt: string | null };
const clocks = async (id: string) => (await api.ok('agent', 'GET', `/repairs/${id}`)).clocks as Clock[];

async function approvedFieldRepair() {
  const { ticket } = await api.ticketWithUnit();
  const r = await api.create(ticket.id);
  await api.diagnose(r.id);
  await api.quote(r.id);
  await api.approve(r.id, 1);
  return { ticket, r };
}

describe('field service', () => {
  it('the on-site clock starts at dispatch (48 h) and stops at check-in; on the repair, not the ticket', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const { ticket, r } = await approvedFieldRepair();
    expect(await clocks(r.id)).toEqual([]);
    t.clock.set('2026-11-20T03:00:00.000Z');
    await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
    expect(await clocks(r.id)).toEqual([
      expect.objectContaining({ target: 'onSiteVisit', status: 'running', startedAt: '2026-11-20T03:00:00.000Z', dueAt: '2026-11-22T03:00:00.000Z' }),
    ]);
    // Only the engineer dispatched to may check in, and only after accepting.
    expect((await api.call('engineer', 'POST', `/repairs/${r.id}/check-in`)).statusCode).toBe(403);
    await api.ok('engineer', 'POST', `/repairs/${r.id}/accept`);
    await api.ok('agent', 'PUT', `/repairs/${r.id}/appointment`, { from: '2026-11-21T01:00:00.000Z', to: '2026-11-21T03:00:00.000Z' });
    t.clock.set('2026-11-21T01:30:00.000Z');
    const checked = await api.ok('engineer', 'POST', `/repairs/${r.id}/check-in`);
    expect(checked.field.checkInAt).toBe('2026-11-21T01:30:00.000Z');
    expect(await clocks(r.id)).toEqual([expect.objectContaining({ target: 'onSiteVisit', status: 'met', stoppedAt: '2026-11-21T01:30:00.000Z' })]);
    // The repair order is where the on-site promise hangs: the ticket has no clock of its own for it.
    const ticketClocks = (await api.ok('agent', 'GET', `/tickets/${ticket.id}`)).clocks as Clock[];
    expect(ticketClocks.find((c) => c.target === 'onSiteVisit')).toBeUndefined();
    expect((await api.call('engineer', 'POST', `/repairs/${r.id}/check-in`)).statusCode).toBe(409);
  });

  it('a check-in after 48 h is recorded as a breach of the on-site clock', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const { r } = await approvedFieldRepair();
    await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
    await api.ok('engineer', 'POST', `/repairs/${r.id}/accept`);
    t.clock.advance(50 * HOUR);
    await t.refreshSessions();
    await api.ok('engineer', 'POST', `/repairs/${r.id}/check-in`);
    expect(await clocks(r.id)).toEqual([expect.objectContaining({ target: 'onSiteVisit', status: 'breached' })]);
  });

  it('on-site record, signature, hand-over; 修复时间 leaves out waiting for parts', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const { r } = await approvedFieldRepair();
    await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
    await api.ok('engineer', 'POST', `/repairs/${r.id}/accept`);
    await api.ok('engineer', 'POST', `/repairs/${r.id}/check-in`);
    expect((await api.move(r.id, 'in_repair')).statusCode).toBe(200);
    t.clock.advance(1 * HOUR);
    expect((await api.move(r.id, 'waiting_parts')).statusCode).toBe(400); // which part?
    expect((await api.move(r.id, 'waiting_parts', { part: '电解电容 470μF' })).statusCode).toBe(200);
    t.clock.advance(5 * HOUR);
    await api.move(r.id, 'in_repair');
    t.clock.advance(1 * HOUR);
    await api.move(r.id, 'testing');
    const record = {
      findings: '电容鼓包',
      work: '更换电解电容两只，老化测试',
      partsUsed: [{ code: 'CAP-470', name: '电解电容 470μF', quantity: 2 }],
      testResult: '输出电压 24.0V 稳定',
      testPassed: true,
    };
    await api.ok('engineer', 'POST', `/repairs/${r.id}/on-site-record`, record);
    // Hand-over needs the customer's signature on the service confirmation (003, 004).
    expect((await api.move(r.id, 'handed_over')).statusCode).toBe(409);
    expect(
      (await api.call('engineer', 'POST', `/repairs/${r.id}/signature`, { signerName: '张三', signature: 'data:image/png;base64,iVBORw0KGgo=' })).statusCode,
    ).toBe(400);
    await api.ok('engineer', 'POST', `/repairs/${r.id}/signature`, { signerName: '张三', signature: signaturePng() });
    const done = (await api.move(r.id, 'handed_over')).json();
    expect(done).toMatchObject({
      status: 'handed_over',
      field: { signerName: '张三', record },
      repairTime: { repairMs: 2 * HOUR, waitingPartsMs: 5 * HOUR, running: false },
    });
    expect(JSON.stringify(done)).not.toContain('data:image/png');
  });
});

describe('return to factory: each step a clock on the repair', () => {
  it('pickup 24 h from opening, ship back and report 3 working days from the passed test', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z'); // Friday 10:00 in Shanghai
    const { ticket } = await api.ticketWithUnit();
    const r = await api.create(ticket.id, { mode: 'factory' });
    expect(await clocks(r.id)).toEqual([expect.objectContaining({ target: 'pickup', status: 'running', dueAt: '2026-11-21T02:00:00.000Z' })]);
    expect((await api.call('logistics', 'POST', `/repairs/${r.id}/pickup`, { courier: '顺丰速运', trackingNumber: '不是单号' })).statusCode).toBe(400);
    t.clock.advance(3 * HOUR);
    await api.ok('logistics', 'POST', `/repairs/${r.id}/pickup`, { courier: '顺丰速运', trackingNumber: 'SF1234567890' });
    await api.ok('logistics', 'POST', `/repairs/${r.id}/receipt`, { note: '外观完好，附件齐全' });
    await api.diagnose(r.id);
    await api.quote(r.id);
    await api.approve(r.id, 1);
    await api.move(r.id, 'in_repair');
    await api.move(r.id, 'testing');
    expect((await api.call('engineer', 'POST', `/repairs/${r.id}/check-in`)).statusCode).toBe(409); // not a field order
    await api.ok('engineer', 'POST', `/repairs/${r.id}/test`, { passed: true, note: '老化 4 小时正常' });
    const c = await clocks(r.id);
    expect(c.find((x) => x.target === 'pickup')).toMatchObject({ status: 'met' });
    // 3 working days from Friday 2026-11-20 13:00 (Shanghai): Mon, Tue, Wed → end of Wed 2026-11-25.
    const ship = c.find((x) => x.target === 'shipBack')!;
    const report = c.find((x) => x.target === 'repairReport')!;
    expect(ship).toMatchObject({ status: 'running' });
    expect(report.dueAt).toBe(ship.dueAt);
    expect(new Date(ship.dueAt).getTime()).toBeGreaterThan(new Date('2026-11-25T00:00:00+08:00').getTime());
    expect(new Date(ship.dueAt).getTime()).toBeLessThanOrEqual(new Date('2026-11-26T00:00:00+08:00').getTime());
    await api.ok('logistics', 'POST', `/repairs/${r.id}/ship-back`, { courier: '顺丰速运', trackingNumber: 'SF0987654321' });
    await api.ok('agent', 'POST', `/repairs/${r.id}/customer-notified`);
    const after = await clocks(r.id);
    expect(after.map((x) => [x.target, x.status])).toEqual([
      ['pickup', 'met'],
      ['repairReport', 'met'],
      ['shipBack', 'met'],
    ]);
  });
});

describe('dispatch on the ticket timeline', () => {
  it('refuse with a reason, re-dispatch, hand over (转派), accept: each an event', async () => {
    const { ticket, r } = await approvedFieldRepair();
    const other = await t.addUser(`eng-${Date.now()}`, 'engineer');
    await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
    expect((await api.call('engineer', 'POST', `/repairs/${r.id}/refuse`, {})).statusCode).toBe(400);
    await api.ok('engineer', 'POST', `/repairs/${r.id}/refuse`, { reason: '今日已排满' });
    expect((await api.ok('agent', 'GET', `/repairs/${r.id}`)).dispatch).toMatchObject({ state: 'none', engineer: null });
    expect((await api.call('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.agent.id })).statusCode).toBe(400); // not an engineer
    await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
    await api.ok('engineer', 'POST', `/repairs/${r.id}/hand-over`, { engineerId: other.id, reason: '该区域由同事负责' });
    expect((await api.call('engineer', 'POST', `/repairs/${r.id}/accept`)).statusCode).toBe(403);
    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/repairs/${r.id}/accept`, headers: { cookie: other.cookie } });
    expect(accepted.statusCode).toBe(200);
    const events = (await api.ok('agent', 'GET', `/tickets/${ticket.id}/events`)).items as { type: string; body: string | null }[];
    expect(events.filter((e) => e.type.startsWith('repair_dispatch')).map((e) => [e.type, e.body])).toEqual([
      ['repair_dispatched', null],
      ['repair_dispatch_refused', '今日已排满'],
      ['repair_dispatched', null],
      ['repair_dispatch_handed_over', '该区域由同事负责'],
      ['repair_dispatch_accepted', null],
    ]);
  });

  it('今日任务 lists the engineer’s visits in time order with address, contact and parts to bring', async () => {
    const eng = await t.addUser(`tasks-${Date.now()}`, 'engineer');
    const mk = async (from: string) => {
      const { r } = await approvedFieldRepair();
      await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: eng.id });
      await api.ok('agent', 'PUT', `/repairs/${r.id}/appointment`, { from, to: new Date(new Date(from).getTime() + 2 * HOUR).toISOString() });
      return r.id;
    };
    const late = await mk('2026-11-21T06:00:00.000Z');
    const early = await mk('2026-11-21T01:00:00.000Z');
    await mk('2026-11-23T01:00:00.000Z'); // another day
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/repairs/tasks?date=2026-11-21', headers: { cookie: eng.cookie } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { repair: { id: string }; address: string; contact: { phone: string }; partsToBring: { name: string }[] }[];
    expect(items.map((i) => i.repair.id)).toEqual([early, late]);
    expect(items[0]).toMatchObject({
      address: '上海市浦东新区张江路100号',
      contact: { phone: '138 1234 5678' },
      partsToBring: [{ code: 'CAP-470', name: '电解电容 470μF', quantity: 2 }],
    });
  });
});
