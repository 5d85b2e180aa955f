import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';
import { makeProductModel, makeSerialUnit, makeTicket } from '../../../test/factories';

// 质量反馈 (003 §四): from a batch-failure incident, a feedback report to production; production's plan
// with a fix date; the fault rate of each batch before and after the fix date, with concrete dates.

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
async function faultyTicket(modelId: string, batch: string, units: { id: string }[]) {
  const unit = await makeSerialUnit(t, { productModelId: modelId, batch });
  units.push(unit);
  const ticket = await makeTicket(t, { serialUnitId: unit.id, description: '设备无法上电，电源指示灯不亮' });
  const r = await api.create(ticket.id);
  await api.ok('engineer', 'PUT', `/repairs/${r.id}/diagnosis`, {
    diagnosisMode: 'remote',
    faultCategory: 'power',
    cause: 'quality',
    findings: '电源模块损坏',
  });
  await api.ok('engineer', 'POST', `/tickets/${ticket.id}/events`, { type: 'public_reply', body: '已确认为电源模块故障。' });
  await t.workers.runOnce();
  return ticket;
}

describe('quality feedback to production', () => {
  it('reports an incident to production, records the plan and fix date, and tracks the fault rate per batch', async () => {
    const model = await makeProductModel(t, { category: '电子类' });
    const units: { id: string }[] = [];
    await at('2026-09-20T02:00:00.000Z');
    for (let i = 0; i < 3; i++) await faultyTicket(model.id, 'Q2609', units);
    const incident = (await api.ok('manager', 'GET', '/reports/incidents')).items.find((i: { batch: string | null }) => i.batch === 'Q2609');
    expect(incident).toBeTruthy();
    // Another unit of the batch without a fault: 4 known units.
    await makeSerialUnit(t, { productModelId: model.id, batch: 'Q2609' });

    const call = (role: 'manager' | 'quality' | 'agent', method: string, url: string, payload?: unknown) =>
      t.as(role, { method, url: `/api/v1${url}`, payload });
    expect((await call('agent', 'POST', `/reports/incidents/${incident.id}/feedback`, {})).statusCode).toBe(403);
    expect((await call('manager', 'POST', `/reports/incidents/${incident.id}/feedback`, { symptom: '上电无反应' })).statusCode).toBe(400);
    const created = await call('manager', 'POST', `/reports/incidents/${incident.id}/feedback`, {
      symptom: '上电无反应，电源指示灯不亮',
      frequency: '7 天内 3 起',
      scope: 'Q2609 批次',
      affectedUnits: 4,
      evidence: '三张工单的诊断：电源模块损坏',
    });
    expect(created.statusCode, created.body).toBe(201);
    const fb = created.json();
    expect(fb).toMatchObject({ status: 'draft', allowedMoves: ['sent', 'withdrawn'] });

    // Production cannot answer before the report is sent.
    const plan = { plan: '更换电源模块供应商，来料全检', fixDate: '2026-10-01' };
    expect((await call('quality', 'PUT', `/reports/feedback/${fb.id}/plan`, plan)).statusCode).toBe(409);
    expect((await call('manager', 'POST', `/reports/feedback/${fb.id}/transitions`, { to: 'sent' })).json().status).toBe('sent');
    expect((await call('quality', 'GET', `/reports/feedback/${fb.id}/effect`)).statusCode).toBe(409);
    const planned = await call('quality', 'PUT', `/reports/feedback/${fb.id}/plan`, plan);
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json()).toMatchObject({ status: 'planned', fixDate: '2026-10-01', allowedMoves: ['verified', 'sent'] });

    // One more fault after the fix date.
    await at('2026-10-05T02:00:00.000Z');
    await faultyTicket(model.id, 'Q2609', units);
    await at('2026-10-11T02:00:00.000Z');
    const effect = (await call('quality', 'GET', `/reports/feedback/${fb.id}/effect`)).json();
    // Ten days either side of 2026-10-01: Sep 21 – Oct 11. The September tickets (Sep 20) fall before
    // the window, so compare within it.
    expect(effect).toMatchObject({ beforeFrom: '2026-09-21', fixDate: '2026-10-01', afterTo: '2026-10-11', days: 10 });
    expect(effect.batches).toEqual([{ batch: 'Q2609', units: 5, before: 0, after: 1, rateBefore: 0, rateAfter: 0.2 }]);
    expect(effect.improved).toBe(false);

    await at('2026-12-30T02:00:00.000Z');
    const later = (await call('manager', 'GET', `/reports/feedback/${fb.id}/effect`)).json();
    expect(later).toMatchObject({ beforeFrom: '2026-07-03', afterTo: '2026-12-30', days: 90 });
    expect(later.batches).toEqual([{ batch: 'Q2609', units: 5, before: 3, after: 1, rateBefore: 0.6, rateAfter: 0.2 }]);
    expect(later.improved).toBe(true);

    expect((await call('manager', 'POST', `/reports/feedback/${fb.id}/transitions`, { to: 'verified' })).json().status).toBe('verified');
    const list = (await call('quality', 'GET', `/reports/incidents/${incident.id}/feedback`)).json().items;
    expect(list.map((x: { id: string }) => x.id)).toEqual([fb.id]);
  });
});
