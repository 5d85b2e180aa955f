import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi, signaturePng } from '../../../test/helpers/repairs';
import { makeProductModel, makeSerialUnit, makeTicket } from '../../../test/factories';

// 服务质量指标 against hand-computed fixtures (004 §二(六); 001 §三.6/§三.7). The calendar is the
// official 2026 one (RULES.md Calendars): 国庆 Oct 1–7 are holidays, Sat Oct 10 is a make-up working day.
// A general ticket received Wed 2026-09-30 10:00 (Shanghai) must be resolved within 5 working days:
// Sep 30 does not count (Civil Code Art 201), then Oct 8, 9, 10 (make-up Saturday), 12, 13 — due at
// the end of Tue Oct 13 (16:00Z). Its first response is due 4 h after receipt, 06:00Z.

let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
});
afterAll(async () => t?.close());

const HOUR = 3_600_000;
const at = async (iso: string) => {
  t.clock.set(iso);
  await t.refreshSessions();
};
const reply = (id: string) =>
  t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'public_reply', body: '您好，已收到，工程师正在处理。' } });
const move = async (id: string, to: string, extra: Record<string, unknown> = {}) => {
  const res = await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to, ...extra } });
  expect(res.statusCode, res.body).toBe(200);
};
const resolve = (id: string) => move(id, 'resolved', { resolution: { solutionType: 'repair', summary: '更换电源模块' } });
const kpi = async (query: string) => {
  const res = await t.as('manager', { method: 'GET', url: `/api/v1/reports/kpi?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('KPI figures across the National Day holiday', () => {
  let modelId: string;
  const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };

  beforeAll(async () => {
    await at('2026-09-30T02:00:00.000Z');
    modelId = (await makeProductModel(t, { category: '机械类' })).id;
    const unit = () => makeSerialUnit(t, { productModelId: modelId, batch: 'B2026-09' });
    for (const k of ['a', 'b', 'c'] as const) ids[k] = (await makeTicket(t, { serialUnitId: (await unit()).id })).id;
    ids.d = (await makeTicket(t, { serialUnitId: (await unit()).id, requestType: 'complaint' })).id;
    await t.workers.runOnce();

    // First responses: A, C, D after 1 h (on time); B after 6 h (due 4 h: late).
    await at('2026-09-30T03:00:00.000Z');
    for (const k of ['a', 'c', 'd'] as const) expect((await reply(ids[k])).statusCode).toBe(201);
    for (const k of ['a', 'b', 'c'] as const) await move(ids[k], 'in_progress');
    await at('2026-09-30T08:00:00.000Z');
    expect((await reply(ids.b)).statusCode).toBe(201);

    // C resolved before the holiday ends, reopened, resolved again on Oct 12: on time, not fixed the first time.
    await at('2026-10-09T02:00:00.000Z');
    await resolve(ids.c);
    await at('2026-10-10T02:00:00.000Z');
    await move(ids.c, 'in_progress', { reason: '客户反馈故障复现' });
    // A: Mon Oct 12, 12 calendar days after receipt but the 4th working day — on time.
    await at('2026-10-12T02:00:00.000Z');
    await resolve(ids.a);
    await resolve(ids.c);
    // B: Wed Oct 14, the day after the 5th working day — late.
    await at('2026-10-14T02:00:00.000Z');
    await t.workers.runOnce();
    await resolve(ids.b);
    await t.workers.runOnce();
  });

  it('counts on-time rates on the working-day calendar, first-time fix and complaints for the month received', async () => {
    const r = await kpi(`from=2026-09-01&to=2026-09-30&productModelId=${modelId}`);
    expect(r).toMatchObject({
      tickets: 4,
      resolved: 3,
      responseOnTimeRate: 0.75, // A, C, D of 4
      // A, C of 4: D is still open past its due time (end of Oct 13), so it is late too.
      resolutionOnTimeRate: 0.5,
      firstTimeFixRate: 2 / 3, // A, B of A, B, C (C was reopened)
      complaintRate: 0.25,
      satisfactionMean: null,
      byBatch: [{ batch: 'B2026-09', count: 4 }],
      backlogByAge: expect.arrayContaining([{ age: 'd7_30', count: 1 }]), // D, received 14 days ago
    });
    expect(r.byModel).toEqual([expect.objectContaining({ productModelId: modelId, count: 4 })]);
    expect(r.trend).toEqual([{ day: '2026-09-30', tickets: 4, responseOnTimeRate: 0.75, resolutionOnTimeRate: 0.5, firstTimeFixRate: 2 / 3 }]);
    expect(r.backlogBySlaState.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(1);
  });

  it('a period without the tickets counts nothing, with rates null rather than 0 %', async () => {
    const r = await kpi(`from=2026-10-01&to=2026-10-31&productModelId=${modelId}`);
    expect(r).toMatchObject({ tickets: 0, responseOnTimeRate: null, resolutionOnTimeRate: null, firstTimeFixRate: null, complaintRate: null, trend: [] });
  });

  it('filters by product category, batch and channel', async () => {
    expect((await kpi(`from=2026-09-30&to=2026-09-30&productCategory=${encodeURIComponent('机械类')}&batch=B2026-09`)).tickets).toBe(4);
    expect((await kpi(`from=2026-09-30&to=2026-09-30&productModelId=${modelId}&channel=email`)).tickets).toBe(0);
  });

  it('a rebuild from the other modules gives the same figures, reopening included', async () => {
    const before = await kpi(`from=2026-09-01&to=2026-09-30&productModelId=${modelId}`);
    await t.ctx.db.execute(sql`delete from report_ticket_facts`);
    expect((await kpi(`from=2026-09-01&to=2026-09-30&productModelId=${modelId}`)).tickets).toBe(0);
    const queued = await t.as('admin', { method: 'POST', url: '/api/v1/reports/facts/rebuild' });
    expect(queued.statusCode, queued.body).toBe(202);
    await t.workers.runOnce();
    const progress = await t.as('admin', { method: 'GET', url: `/api/v1/reports/facts/rebuild/${queued.json().jobId}` });
    expect(progress.json()).toMatchObject({ status: 'done' });
    expect(await kpi(`from=2026-09-01&to=2026-09-30&productModelId=${modelId}`)).toEqual(before);
  });
});

describe('repair time without waiting for parts (001 §三.7)', () => {
  it('counts 2 h of repair around 5 h waiting for a capacitor; the fault is the top fault', async () => {
    await at('2026-11-20T02:00:00.000Z');
    const { ticket, unit } = await api.ticketWithUnit();
    const r = await api.create(ticket.id);
    await api.diagnose(r.id);
    await api.quote(r.id);
    await api.approve(r.id, 1);
    await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
    await api.ok('engineer', 'POST', `/repairs/${r.id}/accept`);
    await api.ok('engineer', 'POST', `/repairs/${r.id}/check-in`);
    expect((await api.move(r.id, 'in_repair')).statusCode).toBe(200);
    t.clock.advance(1 * HOUR);
    expect((await api.move(r.id, 'waiting_parts', { part: '电解电容 470μF' })).statusCode).toBe(200);
    t.clock.advance(5 * HOUR);
    await api.move(r.id, 'in_repair');
    t.clock.advance(1 * HOUR);
    await api.move(r.id, 'testing');
    await api.ok('engineer', 'POST', `/repairs/${r.id}/on-site-record`, {
      findings: '电容鼓包',
      work: '更换电解电容两只',
      partsUsed: [{ code: 'CAP-470', name: '电解电容 470μF', quantity: 2 }],
      testResult: '输出稳定',
      testPassed: true,
    });
    await api.ok('engineer', 'POST', `/repairs/${r.id}/signature`, { signerName: '张三', signature: signaturePng() });
    expect((await api.move(r.id, 'handed_over')).statusCode).toBe(200);
    await move(ticket.id, 'in_progress');
    await resolve(ticket.id);
    await t.workers.runOnce();
    const model = unit.productModelId;
    const k = await kpi(`from=2026-11-20&to=2026-11-20&productModelId=${model}`);
    expect(k).toMatchObject({ tickets: 1, resolved: 1, repairHoursMean: 2, firstTimeFixRate: 1 });
    expect(k.topFaults).toEqual([{ category: 'power', label: '电源故障', count: 1, share: 1, cumulativeShare: 1 }]);
  });
});

describe('the KPI query refuses what it cannot answer', () => {
  it.each([
    ['from=2026-09-31&to=2026-10-01', 'from'],
    ['from=2026-10-02&to=2026-10-01', 'to'],
    ['from=2025-01-01&to=2026-12-31', 'to'],
    ['from=2026-10-01', 'to'],
    ['from=2026-10-01&to=2026-10-02&channel=fax', 'channel'],
  ])('%s → 400 naming %s', async (query, path) => {
    const res = await t.as('manager', { method: 'GET', url: `/api/v1/reports/kpi?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(`querystring.${path}`);
  });

  it('is for managers and admins only', async () => {
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/reports/kpi?from=2026-10-01&to=2026-10-02' })).statusCode).toBe(403);
    expect((await t.as('admin', { method: 'GET', url: '/api/v1/reports/kpi?from=2026-10-01&to=2026-10-02' })).statusCode).toBe(200);
  });
});
