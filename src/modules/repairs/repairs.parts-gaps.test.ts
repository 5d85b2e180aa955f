import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';
import { level, makePart, makeWarehouse, movementCount, receive } from '../parts/parts.fixtures';

// 维修用料 (continued): return-to-factory orders consume parts with old-part return; a quote is checked
// against its warehouse when it is made; cancelling the TICKET gives back what its repairs held.

let t: TestApp;
let api: ReturnType<typeof repairApi>;
let central: { id: string; name: string };
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
  central = await makeWarehouse(t, { name: '苏州返修中心库' });
});
afterAll(async () => t?.close());

const quoteWith = (id: string, partId: string, quantity: number, warehouseId?: string) =>
  api.call('engineer', 'PUT', `/repairs/${id}/quote`, {
    plan: '更换主板',
    lines: [
      { kind: 'part', partId, code: 'X', name: 'X', unitPriceFen: 1, quantity, free: true },
      { kind: 'labour', code: 'L-PART', name: '部件更换工时', unitPriceFen: 8000, quantity: 1, free: true },
    ],
    ...(warehouseId ? { warehouseId } : {}),
  });

async function diagnosed(mode: 'field' | 'factory' = 'factory') {
  t.clock.set('2026-11-20T02:00:00.000Z');
  const { ticket, unit } = await api.ticketWithUnit();
  const r = await api.create(ticket.id, mode === 'factory' ? { mode } : { mode, siteAddress: '上海市浦东新区张江路100号' });
  await api.diagnose(r.id);
  return { ticket, unit, r };
}

describe('return to factory uses parts like a field visit', () => {
  it('reserved at approval, consumed by the factory record with the old part outstanding, the unused rest released at ship-back', async () => {
    const board = await makePart(t, { name: '主控板 MB-3' });
    const fan = await makePart(t, { name: '散热风扇 FAN-80' });
    await receive(t, central.id, board.id, 3);
    await receive(t, central.id, fan.id, 2);
    const { unit, r } = await diagnosed('factory');
    await api.ok('logistics', 'POST', `/repairs/${r.id}/pickup`, { courier: '顺丰速运', trackingNumber: 'SF1234567890' });
    const quoted = await api.ok('engineer', 'PUT', `/repairs/${r.id}/quote`, {
      plan: '更换主控板，视情况更换风扇',
      lines: [
        { kind: 'part', partId: board.id, code: 'X', name: 'X', unitPriceFen: 1, quantity: 1, free: true },
        { kind: 'part', partId: fan.id, code: 'X', name: 'X', unitPriceFen: 1, quantity: 1, free: true },
      ],
      warehouseId: central.id,
    });
    await api.approve(r.id, quoted.quote.version);
    expect(await level(t, central.id, board.id)).toMatchObject({ onHand: 3, reserved: 1 });
    expect(await level(t, central.id, fan.id)).toMatchObject({ onHand: 2, reserved: 1 });

    const work = { work: '更换主控板', partsUsed: [{ partId: board.id, code: 'MB', name: '主控板 MB-3', quantity: 1 }] };
    // Before the unit arrived and before work started: refused, nothing consumed.
    expect((await api.call('engineer', 'POST', `/repairs/${r.id}/factory-work`, work)).statusCode).toBe(409);
    await api.ok('logistics', 'POST', `/repairs/${r.id}/receipt`, { note: '外观完好' });
    expect((await api.call('engineer', 'POST', `/repairs/${r.id}/factory-work`, work)).statusCode).toBe(409);
    await api.move(r.id, 'in_repair');
    // A catalogue part the order never reserved is a 400 naming the line.
    const stray = await makePart(t);
    const bad = await api.call('engineer', 'POST', `/repairs/${r.id}/factory-work`, {
      work: 'x',
      partsUsed: [{ partId: stray.id, code: 'S', name: 'S', quantity: 1 }],
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('partsUsed.0.partId');

    const recorded = await api.ok('engineer', 'POST', `/repairs/${r.id}/factory-work`, work);
    expect(recorded.factory.record).toMatchObject({ work: '更换主控板', partsUsed: [expect.objectContaining({ partId: board.id })] });
    expect(recorded.parts.map((p: { partId: string; state: string }) => [p.partId, p.state])).toEqual(
      expect.arrayContaining([
        [board.id, 'consumed'],
        [fan.id, 'reserved'],
      ]),
    );
    expect(await level(t, central.id, board.id)).toMatchObject({ onHand: 2, reserved: 0 });
    // Saved again (corrected text): not consumed twice.
    const before = await movementCount(t, board.id);
    await api.ok('engineer', 'POST', `/repairs/${r.id}/factory-work`, { ...work, work: '更换主控板并升级固件' });
    expect(await movementCount(t, board.id)).toBe(before);
    // 旧件返还: the old board is recorded against the unit, outstanding, in warranty.
    const old = await t.as('logistics', { method: 'GET', url: `/api/v1/parts/old-parts?outstanding=true&serialUnitId=${unit.id}` });
    expect(old.json().items).toEqual([expect.objectContaining({ partId: board.id, inWarranty: true, subjectId: r.id })]);

    await api.move(r.id, 'testing');
    await api.ok('engineer', 'POST', `/repairs/${r.id}/test`, { passed: true, note: '老化 4 小时正常' });
    const shipped = await api.ok('logistics', 'POST', `/repairs/${r.id}/ship-back`, { courier: '顺丰速运', trackingNumber: 'SF0987654321' });
    expect(shipped.status).toBe('handed_over');
    // The fan was not needed: back to available stock.
    expect(shipped.parts.find((p: { partId: string }) => p.partId === fan.id).state).toBe('released');
    expect(await level(t, central.id, fan.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
  });

  it('a field order has no factory record (409)', async () => {
    const { r } = await diagnosed('field');
    expect((await api.call('engineer', 'POST', `/repairs/${r.id}/factory-work`, { work: 'x', partsUsed: [] })).statusCode).toBe(409);
  });
});

describe('a quote is checked against its warehouse when it is made', () => {
  it('short stock: 409 in Chinese and English naming the warehouse and the line; nothing saved', async () => {
    const part = await makePart(t, { name: '电源模块 PSU-48V' });
    await receive(t, central.id, part.id, 1);
    const { r } = await diagnosed('field');
    const res = await quoteWith(r.id, part.id, 2, central.id);
    expect(res.statusCode, res.body).toBe(409);
    const err = res.json().error;
    expect(err.details).toMatchObject({ code: 'insufficient_stock', available: 1, requested: 2, path: 'lines.0.quantity', warehouseId: central.id });
    expect(err.message).toContain('苏州返修中心库');
    const en = await t.as('engineer', {
      method: 'PUT',
      url: `/api/v1/repairs/${r.id}/quote`,
      headers: { 'accept-language': 'en-US' },
      payload: {
        plan: 'x',
        lines: [{ kind: 'part', partId: part.id, code: 'X', name: 'X', unitPriceFen: 1, quantity: 2, free: true }],
        warehouseId: central.id,
      },
    });
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toContain('available, the quote needs 2');
    expect((await api.ok('agent', 'GET', `/repairs/${r.id}`)).status).toBe('diagnosing');
  });

  it('an unknown warehouse is a 400 on warehouseId', async () => {
    const part = await makePart(t);
    const { r } = await diagnosed('field');
    const res = await quoteWith(r.id, part.id, 1, '00000000-0000-4000-8000-000000000000');
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.stringify(res.json())).toContain('warehouseId');
  });

  it('a re-quote counts what the order already holds; stock taken after the quote still fails the approval (409)', async () => {
    const part = await makePart(t);
    await receive(t, central.id, part.id, 2);
    const { r } = await diagnosed('field');
    expect((await quoteWith(r.id, part.id, 2, central.id)).statusCode).toBe(200);
    await api.approve(r.id, 1);
    // All 2 are held by this order: a re-quote of 2 is fine, of 3 is not.
    const v2 = await quoteWith(r.id, part.id, 2, central.id);
    expect(v2.statusCode, v2.body).toBe(200);
    expect((await quoteWith(r.id, part.id, 3, central.id)).statusCode).toBe(409);
    // Someone takes stock between quote and approval: the approval refuses and keeps the old reservation.
    const other = await diagnosed('field');
    await receive(t, central.id, part.id, 1);
    expect((await quoteWith(other.r.id, part.id, 1, central.id)).statusCode).toBe(200);
    const v3 = await quoteWith(r.id, part.id, 3, central.id);
    expect(v3.statusCode, v3.body).toBe(200);
    await api.approve(other.r.id, 1);
    const res = await api.call('agent', 'POST', `/repairs/${r.id}/approval`, {
      method: 'phone',
      approverName: '张三',
      decision: 'approve',
      note: '电话确认',
      quoteVersion: v3.json().quote.version,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(await level(t, central.id, part.id)).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
    expect((await api.ok('agent', 'GET', `/repairs/${r.id}`)).parts).toEqual([expect.objectContaining({ quantity: 2, state: 'reserved' })]);
  });
});

describe('cancelling the ticket releases its repairs’ parts', () => {
  it('open orders are cancelled, reserved parts go back, consumed ones stay consumed', async () => {
    const part = await makePart(t);
    await receive(t, central.id, part.id, 4);
    const { ticket, r } = await diagnosed('field');
    expect((await quoteWith(r.id, part.id, 3, central.id)).statusCode).toBe(200);
    await api.approve(r.id, 1);
    expect(await level(t, central.id, part.id)).toMatchObject({ onHand: 4, reserved: 3, available: 1 });
    const res = await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${ticket.id}/transitions`, payload: { to: 'cancelled', reason: '客户撤回请求' } });
    expect(res.statusCode, res.body).toBe(200);
    const after = await api.ok('agent', 'GET', `/repairs/${r.id}`);
    expect(after.status).toBe('cancelled');
    expect(after.parts).toEqual([expect.objectContaining({ quantity: 3, state: 'released' })]);
    expect(after.clocks.every((c: { status: string }) => c.status !== 'running')).toBe(true);
    expect(await level(t, central.id, part.id)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    const moves = await t.as('logistics', { method: 'GET', url: `/api/v1/stock/movements?partId=${part.id}&limit=20` });
    expect(moves.json().items.map((m: { kind: string }) => m.kind)).toContain('release');
  });
});
