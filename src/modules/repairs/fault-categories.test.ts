import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeProductModel, makeSerialUnit, makeTicket } from '../../../test/factories';
import { repairApi } from '../../../test/helpers/repairs';

// 故障类别目录 maintained by admins: seeded with the shipped list, extended, relabelled and retired
// through the API; diagnoses choose only active codes, old repairs keep their label.

let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
});
afterAll(async () => t?.close());

const admin = (method: string, url: string, payload?: unknown) => t.as('admin', { method, url: `/api/v1${url}`, payload });
type Entry = { id: string; productCategory: string | null; code: string; zh: string; active: boolean };

describe('fault catalogue', () => {
  it('is seeded with today’s entries and served to diagnoses per product category', async () => {
    const all = (await admin('GET', '/admin/fault-categories')).json().items as Entry[];
    expect(all.filter((e) => e.productCategory === null).map((e) => e.code)).toEqual(
      expect.arrayContaining(['power', 'no_boot', 'display', 'communication', 'mechanical', 'firmware', 'overheat', 'other']),
    );
    const cables = await t.as('engineer', { method: 'GET', url: `/api/v1/repairs/fault-categories?productCategory=${encodeURIComponent('线缆类')}` });
    expect(cables.json().items.map((f: { code: string }) => f.code)).toEqual(['open_circuit', 'short_circuit', 'connector', 'insulation', 'other']);
  });

  it('admins add, relabel and retire entries; diagnoses follow; others may not edit', async () => {
    const created = await admin('POST', '/admin/fault-categories', {
      productCategory: null,
      code: 'water_damage',
      zh: '进水',
      en: 'Water damage',
      sortOrder: 75,
    });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json() as Entry;
    expect((await admin('POST', '/admin/fault-categories', { code: 'water_damage', zh: '进水2', en: 'x' })).statusCode).toBe(409);
    expect((await admin('POST', '/admin/fault-categories', { code: 'Bad Code', zh: 'x', en: 'x' })).statusCode).toBe(400);
    expect((await admin('POST', '/admin/fault-categories', { productCategory: '不存在类', code: 'abc', zh: 'x', en: 'x' })).statusCode).toBe(400);
    expect((await t.as('manager', { method: 'POST', url: '/api/v1/admin/fault-categories', payload: { code: 'abc', zh: 'x', en: 'x' } })).statusCode).toBe(403);

    const list = await t.as('engineer', { method: 'GET', url: '/api/v1/repairs/fault-categories' });
    expect(list.json().items).toContainEqual({ code: 'water_damage', zh: '进水', en: 'Water damage' });

    // A diagnosis with the new code, then the entry relabelled and retired.
    t.clock.set('2026-11-20T02:00:00.000Z');
    const { ticket } = await api.ticketWithUnit();
    const r = await api.create(ticket.id);
    const diag = (code: string) =>
      api.call('engineer', 'PUT', `/repairs/${r.id}/diagnosis`, { diagnosisMode: 'on_site', faultCategory: code, cause: 'quality', findings: '主板有水渍' });
    expect((await diag('no_such_code')).statusCode).toBe(400);
    expect((await diag('water_damage')).statusCode).toBe(200);
    expect((await admin('PATCH', `/admin/fault-categories/${entry.id}`, { zh: '进水腐蚀' })).json()).toMatchObject({ zh: '进水腐蚀', code: 'water_damage' });
    expect((await admin('PATCH', `/admin/fault-categories/${entry.id}`, {})).statusCode).toBe(400);
    expect((await admin('PATCH', '/admin/fault-categories/00000000-0000-4000-8000-000000000000', { active: false })).statusCode).toBe(404);
    expect((await admin('PATCH', `/admin/fault-categories/${entry.id}`, { active: false })).json().active).toBe(false);
    // Retired: no longer offered nor accepted, but the diagnosed order keeps its (current) label.
    expect(
      (await t.as('engineer', { method: 'GET', url: '/api/v1/repairs/fault-categories' })).json().items.map((f: { code: string }) => f.code),
    ).not.toContain('water_damage');
    const view = await api.ok('agent', 'GET', `/repairs/${r.id}`);
    expect(view.diagnosis).toMatchObject({ faultCategory: 'water_damage', faultLabel: '进水腐蚀' });
    const res = await diag('water_damage');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('faultCategory');
  });

  it('a diagnosis takes a code of the unit’s product category list, as the form offers it', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const model = await makeProductModel(t, { category: '线缆类' });
    const unit = await makeSerialUnit(t, { productModelId: model.id });
    const r = await api.create((await makeTicket(t, { serialUnitId: unit.id })).id);
    const diag = (code: string) =>
      api.call('engineer', 'PUT', `/repairs/${r.id}/diagnosis`, { diagnosisMode: 'on_site', faultCategory: code, cause: 'quality', findings: '插头处断线' });
    // 'power' is on the general list, not on the cables' list.
    const refused = await diag('power');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues[0]).toMatchObject({ path: 'faultCategory' });
    expect(refused.json().error.message).toContain('线缆类');
    expect((await diag('open_circuit')).statusCode).toBe(200);
  });
});
