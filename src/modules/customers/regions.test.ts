import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeTicket } from '../../../test/factories';

// 大区管理 as the admin screen uses it (PUT /regions with the whole grouping: add, rename, delete,
// a province in one region at most), and customers created inline with a ticket counted under their
// region: the province chosen on the intake form, or one the address names in full — never a guess.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-20T02:00:00.000Z');
  await t.refreshSessions();
});
afterAll(async () => t?.close());

interface Regions {
  items: { id: string; name: string; provinces: string[] }[];
  ungrouped: string[];
}
const get = async (url: string) => {
  const res = await t.as('manager', { method: 'GET', url: `/api/v1${url}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const put = (regions: { id?: string; name: string; provinces: string[] }[]) => t.as('admin', { method: 'PUT', url: '/api/v1/regions', payload: { regions } });
const kept = (r: Regions) => r.items.map((x) => ({ id: x.id, name: x.name, provinces: x.provinces }));

describe('大区管理', () => {
  it('adds, renames and deletes a region; its provinces go back to no region', async () => {
    const start = (await get('/regions')) as Regions;
    // 新疆 leaves 西北 for a region of its own.
    const added = await put([...kept(start).map((r) => ({ ...r, provinces: r.provinces.filter((p) => p !== '65') })), { name: '新疆大区', provinces: ['65'] }]);
    expect(added.statusCode, added.body).toBe(200);
    const xj = (added.json() as Regions).items.find((r) => r.name === '新疆大区')!;
    expect(xj.provinces).toEqual(['65']);
    expect((added.json() as Regions).items.find((r) => r.name === '西北')!.provinces).not.toContain('65');

    const renamed = await put(kept(added.json()).map((r) => (r.id === xj.id ? { ...r, name: '西域' } : r)));
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((renamed.json() as Regions).items.find((r) => r.id === xj.id)!.name).toBe('西域');

    const deleted = await put(kept(renamed.json()).filter((r) => r.id !== xj.id));
    expect(deleted.statusCode, deleted.body).toBe(200);
    const after = deleted.json() as Regions;
    expect(after.items.map((r) => r.id)).not.toContain(xj.id);
    expect(after.ungrouped).toEqual(['65']);
  });

  it('refuses a province in two regions, naming it, and changes nothing', async () => {
    const before = (await get('/regions')) as Regions;
    const res = await put([...kept(before), { name: '长三角', provinces: ['31', '32'] }]);
    expect(res.statusCode, res.body).toBe(400);
    const messages = (res.json().error.issues as { message: string }[]).map((i) => i.message);
    expect(messages).toEqual([expect.stringContaining('上海 已属于另一个大区'), expect.stringContaining('江苏 已属于另一个大区')]);
    expect(await get('/regions')).toEqual(before);
    // Only an administrator regroups.
    expect((await t.as('manager', { method: 'PUT', url: '/api/v1/regions', payload: { regions: kept(before) } })).statusCode).toBe(403);
  });
});

describe('a customer created inline with a ticket', () => {
  const inline = (name: string, phone: string, extra: Record<string, unknown>) =>
    makeTicket(t, { customer: { name, kind: 'company', phone, confirmNew: true, ...extra } } as never);
  const provinceOf = async (ticketId: string) => (await get(`/tickets/${ticketId}`)).customer.area?.province ?? null;

  it('takes the province chosen on the form, or one its address names in full, and none from a street name', async () => {
    const chosen = await inline('兰州榆中试验仪器厂', '13900001111', { province: '62', address: '榆中县城关镇 8 号' });
    const fromAddress = await inline('上海临港智造有限公司', '13900002222', { address: '上海市浦东新区临港大道 100 号' });
    const street = await inline('江西路五金商行', '13900003333', { address: '江西路 100 号' });
    const override = await inline('北京路电子有限公司', '13900004444', { province: '44', address: '北京市朝阳区某路 1 号' });
    expect(await provinceOf(chosen.id)).toBe('62');
    expect(await provinceOf(fromAddress.id)).toBe('31');
    expect(await provinceOf(street.id)).toBeNull();
    expect(await provinceOf(override.id)).toBe('44');
  });

  it('is counted under its region on the dashboard and in the queue', async () => {
    const northwest = ((await get('/regions')) as Regions).items.find((r) => r.name === '西北')!.id;
    const period = 'from=2026-11-01&to=2026-11-30';
    await t.workers.runOnce();
    const before = (await get(`/reports/kpi?${period}&regionId=${northwest}`)).tickets as number;
    const ticket = await inline('嘉峪关钢铁配套服务公司', '13900005555', { province: '62' });
    await t.workers.runOnce();
    expect((await get(`/reports/kpi?${period}&regionId=${northwest}`)).tickets).toBe(before + 1);
    expect((await get(`/reports/kpi?${period}&province=62`)).tickets).toBe(before + 1);
    const queue = (await get(`/tickets?regionId=${northwest}&limit=200`)) as { items: { id: string }[] };
    expect(queue.items.map((i) => i.id)).toContain(ticket.id);
  });

  it('refuses a province outside the list', async () => {
    const res = await t.as('agent', {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        channel: 'phone',
        requestType: 'repair',
        description: '无法开机',
        customer: { name: '某公司', phone: '13900006666', province: '99', confirmNew: true },
      },
    });
    expect(res.statusCode).toBe(400);
  });
});
