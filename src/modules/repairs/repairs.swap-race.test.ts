import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';
import { level, makePart, makeWarehouse, receive } from '../parts/parts.fixtures';

// 换料 A re-approved quote gives back the parts it held and reserves the new quote's in ONE parts call
// that locks every stock row of both sides in (warehouse, part) order (src/db/lock-order.ts). Two
// orders swapping the same parts in opposite directions, approved at the same moment, would deadlock
// if the release locked its rows first and the reservation the others after (release P, reserve Q
// against release Q, reserve P). On PostgreSQL they really run in parallel.

const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  api = repairApi(t);
}, 60_000);
afterAll(async () => t?.close());

const lines = (ids: string[]) => ids.map((partId) => ({ kind: 'part', partId, code: 'X', name: 'X', unitPriceFen: 1, quantity: 1, free: true }));

async function approvedHolding(warehouseId: string, partIds: string[]) {
  t.clock.set('2026-11-20T02:00:00.000Z');
  const { ticket } = await api.ticketWithUnit();
  const r = await api.create(ticket.id);
  await api.diagnose(r.id);
  await api.ok('engineer', 'PUT', `/repairs/${r.id}/quote`, { plan: '更换', lines: lines(partIds), warehouseId });
  await api.approve(r.id, 1);
  return r as { id: string };
}

describe.skipIf(!onPostgres)('re-approval swaps parts in one lock pass (PostgreSQL)', () => {
  it('orders swapping parts in opposite directions, approved together: all succeed, no deadlock, stock adds up', async () => {
    const wh = await makeWarehouse(t);
    const p = await Promise.all(Array.from({ length: 4 }, () => makePart(t)));
    const q = await Promise.all(Array.from({ length: 4 }, () => makePart(t)));
    const P = p.map((x) => x.id);
    const Q = q.map((x) => x.id);
    const pairs = 5;
    for (const id of [...P, ...Q]) await receive(t, wh.id, id, pairs * 2);
    // Each pair: A holds the P parts and is re-quoted to Q; B holds Q and is re-quoted to P (listed backwards).
    const orders = [];
    for (let i = 0; i < pairs; i++) {
      const a = await approvedHolding(wh.id, P);
      const b = await approvedHolding(wh.id, [...Q].reverse());
      await api.ok('engineer', 'PUT', `/repairs/${a.id}/quote`, { plan: '改换 Q', lines: lines(Q), warehouseId: wh.id });
      await api.ok('engineer', 'PUT', `/repairs/${b.id}/quote`, { plan: '改换 P', lines: lines([...P].reverse()), warehouseId: wh.id });
      orders.push(a, b);
    }
    const results = await Promise.all(
      orders.map((r) =>
        api.call('agent', 'POST', `/repairs/${r.id}/approval`, { method: 'portal', approverName: '张三', decision: 'approve', quoteVersion: 2 }),
      ),
    );
    for (const res of results) expect(res.statusCode, res.body).toBe(200);
    // Every order now holds exactly its new quote's parts; every stock row holds `pairs` reserved.
    for (const [i, r] of orders.entries()) {
      const view = await api.ok('agent', 'GET', `/repairs/${r.id}`);
      const held = view.parts.filter((x: { state: string }) => x.state === 'reserved').map((x: { partId: string }) => x.partId);
      expect(held.sort()).toEqual((i % 2 === 0 ? [...Q] : [...P]).sort());
    }
    for (const id of [...P, ...Q]) expect(await level(t, wh.id, id)).toMatchObject({ onHand: pairs * 2, reserved: pairs, available: pairs });
  }, 120_000);

  it('a swap short of stock refuses whole: the old reservations stay, nothing moves', async () => {
    const wh = await makeWarehouse(t);
    const a = await makePart(t);
    const b = await makePart(t);
    await receive(t, wh.id, a.id, 1);
    await receive(t, wh.id, b.id, 1);
    const r = await approvedHolding(wh.id, [a.id]);
    await api.ok('engineer', 'PUT', `/repairs/${r.id}/quote`, { plan: '改换', lines: lines([b.id]), warehouseId: wh.id });
    // b is taken by another order before this approval.
    const other = await approvedHolding(wh.id, [b.id]);
    expect(other.id).toBeTruthy();
    const res = await api.call('agent', 'POST', `/repairs/${r.id}/approval`, { method: 'portal', approverName: '张三', decision: 'approve', quoteVersion: 2 });
    expect(res.statusCode, res.body).toBe(409);
    expect(await level(t, wh.id, a.id)).toMatchObject({ reserved: 1 });
    expect((await api.ok('agent', 'GET', `/repairs/${r.id}`)).parts).toEqual([expect.objectContaining({ partId: a.id, state: 'reserved' })]);
  }, 60_000);
});
