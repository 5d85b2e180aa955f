import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';
import { makeProductModel, makeSerialUnit, makeTicket } from '../../../test/factories';

// 批量性故障 with concrete dates (004 §四(五); default policy: 3 tickets, same model, batch and fault,
// within 7 days) and 安全事件 from one ticket. The plan is due 24 h after the incident is raised.

let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
});
afterAll(async () => t?.close());

const at = async (iso: string) => {
  t.clock.set(iso);
  await t.refreshSessions();
};
type Incident = {
  id: string;
  number: string;
  kind: string;
  status: string;
  ticketIds: string[];
  planDue: { dueAt: string; status: string } | null;
  batch: string | null;
  faultLabel: string | null;
};
const incidents = async () => (await api.ok('manager', 'GET', '/reports/incidents')).items as Incident[];

/** A ticket on a unit of the model and batch, received now, diagnosed with `fault` (the facts learn it on the next ticket change). */
async function faultyTicket(modelId: string, batch: string, fault = 'power') {
  const unit = await makeSerialUnit(t, { productModelId: modelId, batch });
  const ticket = await makeTicket(t, { serialUnitId: unit.id, description: '设备无法上电，电源指示灯不亮' });
  const r = await api.create(ticket.id);
  await api.ok('engineer', 'PUT', `/repairs/${r.id}/diagnosis`, { diagnosisMode: 'remote', faultCategory: fault, cause: 'quality', findings: '电源模块损坏' });
  await api.ok('engineer', 'POST', `/tickets/${ticket.id}/events`, { type: 'public_reply', body: '已确认为电源模块故障，安排维修。' });
  await t.workers.runOnce();
  return ticket;
}

describe('batch failure: 3 tickets of one model, batch and fault within 7 days', () => {
  it('raises nothing for tickets 8 days apart, then raises one incident when the third falls in a 7-day window', async () => {
    const model = await makeProductModel(t, { category: '电子类' });
    const spare = await makeSerialUnit(t, { productModelId: model.id, batch: 'B2611', serialNumber: 'SN-B2611-SPARE' });
    await at('2026-11-01T02:00:00.000Z');
    await faultyTicket(model.id, 'B2611');
    await at('2026-11-05T02:00:00.000Z');
    const t2 = await faultyTicket(model.id, 'B2611');
    await faultyTicket(model.id, 'B2612'); // another batch: not the same group
    await faultyTicket(model.id, 'B2611', 'display'); // another fault: not the same group
    await at('2026-11-09T02:00:00.000Z'); // 8 days after the first: the window (Nov 2–9] holds two
    const t3 = await faultyTicket(model.id, 'B2611');
    expect((await incidents()).filter((i) => i.batch === 'B2611')).toEqual([]);

    await at('2026-11-10T06:00:00.000Z');
    const t4 = await faultyTicket(model.id, 'B2611');
    const raised = (await incidents()).filter((i) => i.batch === 'B2611');
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      kind: 'batch_failure',
      status: 'open',
      faultLabel: '电源故障',
      planDue: { dueAt: '2026-11-11T06:00:00.000Z', status: 'running' },
    });
    expect([...raised[0]!.ticketIds].sort()).toEqual([t2.id, t3.id, t4.id].sort());

    // The units of the batch, for proactive contact — including the one with no ticket yet.
    const detail = await api.ok('manager', 'GET', `/reports/incidents/${raised[0]!.id}`);
    expect(detail.affectedUnits.map((u: { serialNumber: string }) => u.serialNumber)).toContain(spare.serialNumber);
    expect(detail.affectedUnits).toHaveLength(6); // the spare, four power faults and the display fault of B2611

    // Managers hear of it through the outbox.
    const notes = (await api.ok('manager', 'GET', '/notifications')).items as { text?: string; message?: string }[];
    expect(JSON.stringify(notes)).toContain(raised[0]!.number);

    // A fifth ticket of the group joins the open incident instead of raising another.
    await at('2026-11-11T02:00:00.000Z');
    const t5 = await faultyTicket(model.id, 'B2611');
    const after = (await incidents()).filter((i) => i.batch === 'B2611');
    expect(after).toHaveLength(1);
    expect(after[0]!.ticketIds).toContain(t5.id);
  });

  it('the handling plan stops its 24 h clock; a plan without text is refused; only managers move it, never back to open', async () => {
    const [incident] = (await incidents()).filter((i) => i.batch === 'B2611');
    const empty = await api.call('manager', 'POST', `/reports/incidents/${incident!.id}/transitions`, { to: 'plan_submitted', plan: '  ' });
    expect(empty.statusCode).toBe(400);
    await at('2026-11-11T05:00:00.000Z');
    const planned = await api.ok('manager', 'POST', `/reports/incidents/${incident!.id}/transitions`, {
      to: 'plan_submitted',
      plan: '召回 B2611 批次电源模块；研发分析电容选型；法务评估告知义务。',
    });
    expect(planned).toMatchObject({ status: 'plan_submitted', planDue: { status: 'met' }, allowedMoves: ['closed'] });
    expect((await api.call('agent', 'POST', `/reports/incidents/${incident!.id}/transitions`, { to: 'closed' })).statusCode).toBe(403);
    expect((await api.call('manager', 'POST', `/reports/incidents/${incident!.id}/transitions`, { to: 'open' })).statusCode).toBe(409);
  });
});

describe('safety event: one ticket is enough', () => {
  it('raises a safety incident from a request that reports a safety hazard', async () => {
    await at('2026-11-12T02:00:00.000Z');
    const ticket = await makeTicket(t, { description: '设备外壳带电，操作人员被电击，存在人身安全隐患' });
    await t.workers.runOnce();
    const safety = (await incidents()).filter((i) => i.kind === 'safety_event' && i.ticketIds.includes(ticket.id));
    expect(safety).toHaveLength(1);
    expect(safety[0]).toMatchObject({ status: 'open', planDue: { dueAt: '2026-11-13T02:00:00.000Z', status: 'running' } });
    // A request that says there is no safety problem raises nothing.
    const calm = await makeTicket(t, { description: '显示屏有划痕，不影响使用，没有安全问题' });
    await t.workers.runOnce();
    expect((await incidents()).some((i) => i.ticketIds.includes(calm.id))).toBe(false);
  });
});
