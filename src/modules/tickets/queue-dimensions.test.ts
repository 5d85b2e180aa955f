import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer, makeProductModel, makeSerialUnit, makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';

// 地区 on customers (province from the fixed list, 大区 kept by administrators) and the queue's and the
// dashboard's filters on 产品类别, 批次, 故障类别 and 地区 (issue 15's click-through).
let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
});
afterAll(async () => t?.close());

const get = async (url: string, role: 'manager' | 'agent' = 'manager') => {
  const res = await t.as(role, { method: 'GET', url: `/api/v1${url}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const queue = async (query: string) => ((await get(`/tickets?${query}&limit=200`)) as { items: { id: string }[] }).items.map((i) => i.id).sort();
interface Regions {
  items: { id: string; name: string; provinces: string[] }[];
  ungrouped: string[];
}

describe('customer region', () => {
  it('starts with the usual 大区 grouping covering all 34 provinces', async () => {
    const r = (await get('/regions', 'agent')) as Regions;
    expect(r.items.map((x) => x.name)).toEqual(['华东', '华南', '华北', '华中', '西南', '西北', '东北', '港澳台']);
    expect(r.items.flatMap((x) => x.provinces)).toHaveLength(34);
    expect(r.ungrouped).toEqual([]);
  });

  it('is set on the customer and shown on it and on its tickets; a province outside the list is refused', async () => {
    const c = await makeCustomer(t, { name: '兰州西固化工设备厂', province: '62' });
    const shown = await get(`/customers/${c.id}`);
    expect(shown.area).toEqual({ province: '62', provinceName: '甘肃', region: { id: expect.any(String), name: '西北' } });
    const ticket = await makeTicket(t, { customerId: c.id });
    expect((await get(`/tickets/${ticket.id}`)).customer.area.region.name).toBe('西北');
    const bad = await t.as('agent', { method: 'PATCH', url: `/api/v1/customers/${c.id}`, payload: { province: '99' } });
    expect(bad.statusCode).toBe(400);
    const moved = await t.as('agent', { method: 'PATCH', url: `/api/v1/customers/${c.id}`, payload: { province: '51' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().area.region.name).toBe('西南');
  });

  it('lets an administrator regroup provinces; a province in two regions is refused and nothing changes', async () => {
    const before = (await get('/regions')) as Regions;
    const twice = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/regions',
      payload: {
        regions: [
          { name: '华东', provinces: ['31'] },
          { name: '华南', provinces: ['31'] },
        ],
      },
    });
    expect(twice.statusCode).toBe(400);
    expect((await get('/regions')) as Regions).toEqual(before);
    const refused = await t.as('manager', { method: 'PUT', url: '/api/v1/regions', payload: { regions: [] } });
    expect(refused.statusCode).toBe(403);

    // 西北 split: 新疆 gets a region of its own; the rest keep their ids.
    const regions = before.items.map((r) => ({ id: r.id, name: r.name, provinces: r.provinces.filter((p) => p !== '65') }));
    const res = await t.as('admin', { method: 'PUT', url: '/api/v1/regions', payload: { regions: [...regions, { name: '新疆', provinces: ['65'] }] } });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Regions;
    expect(after.items.find((r) => r.name === '新疆')?.provinces).toEqual(['65']);
    expect(after.items.find((r) => r.name === '西北')?.id).toBe(before.items.find((r) => r.name === '西北')?.id);
    expect(after.items.find((r) => r.name === '西北')?.provinces).not.toContain('65');
  });
});

describe('queue and dashboard filters on the dashboard dimensions', () => {
  const ids = { east: '', west: '', cable: '' };
  let westRegion = '';
  beforeAll(async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    await t.refreshSessions();
    const electronics = await makeProductModel(t, { category: '电子类' });
    const cables = await makeProductModel(t, { category: '线缆类' });
    const east = await makeCustomer(t, { name: '苏州园区精密电子有限公司', province: '32' });
    const west = await makeCustomer(t, { name: '成都高新测控有限公司', province: '51' });
    const u1 = await makeSerialUnit(t, { productModelId: electronics.id, batch: 'LOT-2611A', customerId: east.id });
    const u2 = await makeSerialUnit(t, { productModelId: electronics.id, batch: 'LOT-2611B', customerId: west.id });
    const u3 = await makeSerialUnit(t, { productModelId: cables.id, batch: 'LOT-2611A', customerId: east.id });
    ids.east = (await makeTicket(t, { customerId: east.id, serialUnitId: u1.id })).id;
    ids.west = (await makeTicket(t, { customerId: west.id, serialUnitId: u2.id })).id;
    ids.cable = (await makeTicket(t, { customerId: east.id, serialUnitId: u3.id })).id;
    // Only the west ticket is diagnosed as a power fault.
    const repair = await api.create(ids.west);
    await api.diagnose(repair.id);
    await t.workers.runOnce();
    westRegion = ((await get('/regions')) as Regions).items.find((r) => r.name === '西南')!.id;
  });

  it('narrows the queue by product category, batch, fault category, region and province', async () => {
    const mine = [ids.east, ids.west, ids.cable];
    const only = async (q: string) => (await queue(q)).filter((id) => mine.includes(id));
    expect(await only('productCategory=线缆类')).toEqual([ids.cable]);
    expect(await only('batch=LOT-2611A')).toEqual([ids.east, ids.cable].sort());
    expect(await queue('batch=LOT-NONE')).toEqual([]);
    expect(await queue('faultCategory=power')).toContain(ids.west);
    expect(await only('faultCategory=power')).toEqual([ids.west]);
    expect(await only(`regionId=${westRegion}`)).toEqual([ids.west]);
    expect(await only('province=32')).toEqual([ids.east, ids.cable].sort());
    expect(await only(`regionId=${westRegion}&province=32`)).toEqual([]);
    expect(await only('productCategory=电子类&province=32')).toEqual([ids.east]);
  });

  it('refuses a malformed filter with a 400', async () => {
    for (const q of ['province=99', 'regionId=nope', 'faultCategory=Power%20fault']) {
      const res = await t.as('manager', { method: 'GET', url: `/api/v1/tickets?${q}` });
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('filters the KPI figures by region, and a customer who moves takes its tickets’ figures along', async () => {
    const period = 'from=2026-11-01&to=2026-11-30';
    const west = await get(`/reports/kpi?${period}&regionId=${westRegion}`);
    const jiangsu = await get(`/reports/kpi?${period}&province=32`);
    // 西南 also holds the customer the first block moved to 四川.
    expect(west.tickets).toBe(2);
    expect(jiangsu.tickets).toBe(2);
    const east = await get(`/tickets/${ids.east}`);
    const moved = await t.as('agent', { method: 'PATCH', url: `/api/v1/customers/${east.customer.id}`, payload: { province: '51' } });
    expect(moved.statusCode, moved.body).toBe(200);
    await t.workers.runOnce();
    expect((await get(`/reports/kpi?${period}&regionId=${westRegion}`)).tickets).toBe(4);
    expect((await get(`/reports/kpi?${period}&province=32`)).tickets).toBe(0);
  });
});
