import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';

// 物流 The logistics list also carries repaired return-to-factory units waiting to ship back (3 wd, 003
// §三), read through the repairs module, by due time; a unit shipped back leaves the list.
let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
});
afterAll(async () => t?.close());

describe('logistics list: repaired units to ship back', () => {
  it('lists a tested factory repair with its ship-back deadline until it is shipped', async () => {
    const { ticket } = await api.ticketWithUnit();
    const r = await api.create(ticket.id, { mode: 'factory' });
    await api.diagnose(r.id);
    await api.quote(r.id);
    await api.approve(r.id, 1);
    await api.move(r.id, 'in_repair');
    await api.move(r.id, 'testing');
    const before = (await api.ok('logistics', 'GET', '/logistics/returns')).repairs as { repairId: string }[];
    expect(before.some((x) => x.repairId === r.id)).toBe(false);
    await api.ok('engineer', 'POST', `/repairs/${r.id}/test`, { passed: true, note: '老化 4 小时正常' });
    const list = await api.ok('logistics', 'GET', '/logistics/returns');
    const row = (list.repairs as { repairId: string; number: string; ticketId: string; dueAt: string; late: boolean }[]).find((x) => x.repairId === r.id);
    expect(row).toMatchObject({ number: r.number, ticketId: ticket.id, late: false });
    expect(+new Date(row!.dueAt)).toBeGreaterThan(+t.clock.now());
    const dues = (list.repairs as { dueAt: string }[]).map((x) => x.dueAt);
    expect(dues).toEqual([...dues].sort());
    await api.ok('logistics', 'POST', `/repairs/${r.id}/ship-back`, { courier: '顺丰速运', trackingNumber: 'SF1234567890' });
    const after = (await api.ok('logistics', 'GET', '/logistics/returns')).repairs as { repairId: string }[];
    expect(after.some((x) => x.repairId === r.id)).toBe(false);
  });
});
