import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi, signaturePng } from '../../../test/helpers/repairs';
import { level, makePart, makeWarehouse, movementCount, receive } from '../parts/parts.fixtures';

// 维修用料 A repair's parts through the parts module: quote lines priced from the catalogue, reserved
// when the customer approves, consumed on site with the old part recorded against the unit (旧件返还),
// released when the customer declines; the hand-over records the repair period in the unit's history.

let t: TestApp;
let api: ReturnType<typeof repairApi>;
let personal: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  api = repairApi(t);
  personal = await makeWarehouse(t, { name: '李工个人库', kind: 'engineer', ownerUserId: t.users.engineer.id });
});
afterAll(async () => t?.close());

/** A diagnosed in-warranty quality fault quoted with one catalogue part (typed price ignored) and labour. */
async function quotedWithPart(partId: string, quantity: number, extra: Record<string, unknown> = {}) {
  t.clock.set('2026-11-20T02:00:00.000Z');
  const { ticket, unit } = await api.ticketWithUnit();
  const r = await api.create(ticket.id);
  await api.diagnose(r.id);
  const quoted = await api.ok('engineer', 'PUT', `/repairs/${r.id}/quote`, {
    plan: '更换电源模块',
    lines: [
      { kind: 'part', partId, code: 'X', name: '随便写', unitPriceFen: 1, quantity, free: true },
      { kind: 'labour', code: 'L-PART', name: '部件更换工时', unitPriceFen: 8000, quantity: 1, free: true },
    ],
    ...extra,
  });
  return { ticket, unit, r: quoted };
}

describe('repairs use parts', () => {
  it('in-warranty free repair: priced from the catalogue, reserved on approval, consumed on site, old part outstanding', async () => {
    const part = await makePart(t, { name: '电源模块 PSU-24V', unitPriceFen: 12800 });
    await receive(t, personal.id, part.id, 5);
    const { unit, r } = await quotedWithPart(part.id, 1);
    // The catalogue's number, name and price, free of charge (in warranty, quality fault).
    expect(r.quote.lines[0]).toMatchObject({ partId: part.id, code: part.partNumber, name: '电源模块 PSU-24V', unitPriceFen: 12800, free: true });
    expect(r.quote.totalFen).toBe(0);
    expect(r.quote.partsWarehouseId).toBe(personal.id); // the quoting engineer's personal stock

    const approved = await api.approve(r.id, 1);
    expect(approved.parts).toEqual([expect.objectContaining({ partId: part.id, quantity: 1, state: 'reserved' })]);
    expect(await level(t, personal.id, part.id)).toMatchObject({ onHand: 5, reserved: 1, available: 4 });

    await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
    await api.ok('engineer', 'POST', `/repairs/${r.id}/accept`);
    t.clock.set('2026-11-21T01:30:00.000Z');
    await api.ok('engineer', 'POST', `/repairs/${r.id}/check-in`);
    await api.move(r.id, 'in_repair');
    await api.move(r.id, 'testing');
    const record = await api.ok('engineer', 'POST', `/repairs/${r.id}/on-site-record`, {
      findings: '电源模块损坏',
      work: '更换电源模块',
      partsUsed: [{ partId: part.id, code: part.partNumber, name: '电源模块 PSU-24V', quantity: 1 }],
      testResult: '输出 24.0V 稳定',
      testPassed: true,
    });
    expect(record.parts).toEqual([expect.objectContaining({ partId: part.id, state: 'consumed' })]);
    expect(await level(t, personal.id, part.id)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    const old = await t.as('logistics', { method: 'GET', url: `/api/v1/parts/old-parts?outstanding=true&serialUnitId=${unit.id}` });
    expect(old.statusCode, old.body).toBe(200);
    expect(old.json().items).toEqual([expect.objectContaining({ partId: part.id, serialUnitId: unit.id, inWarranty: true, subjectId: r.id })]);

    // Hand-over records the repair period (opened → handed over) in the unit's service history.
    await api.ok('engineer', 'POST', `/repairs/${r.id}/signature`, { signerName: '张三', signature: signaturePng() });
    t.clock.set('2026-11-21T06:00:00.000Z');
    expect((await api.move(r.id, 'handed_over')).statusCode).toBe(200);
    const history = await t.as('agent', { method: 'GET', url: `/api/v1/serial-units/${unit.id}/service-history` });
    expect(history.json().items).toEqual([expect.objectContaining({ kind: 'repair', from: '2026-11-20', to: '2026-11-21', sourceRef: r.id })]);
  });

  it('a new quote keeps the parts held; its approval swaps them, a decline releases them', async () => {
    const part = await makePart(t);
    await receive(t, personal.id, part.id, 3);
    const { r } = await quotedWithPart(part.id, 2);
    await api.approve(r.id, 1);
    expect(await level(t, personal.id, part.id)).toMatchObject({ reserved: 2, available: 1 });
    const requote = (plan: string, quantity: number) =>
      api.ok('engineer', 'PUT', `/repairs/${r.id}/quote`, {
        plan,
        lines: [{ kind: 'part', partId: part.id, code: 'X', name: 'X', unitPriceFen: 1, quantity, free: true }],
      });
    // 3 pieces now: the 2 held are released and 3 reserved in the approval's transaction.
    const v2 = await requote('更换三只', 3);
    expect(await level(t, personal.id, part.id)).toMatchObject({ reserved: 2, available: 1 });
    expect((await api.approve(r.id, v2.quote.version)).parts.map((p: { state: string; quantity: number }) => [p.state, p.quantity])).toEqual([
      ['released', 2],
      ['reserved', 3],
    ]);
    expect(await level(t, personal.id, part.id)).toMatchObject({ reserved: 3, available: 0 });
    const v3 = await requote('只换一只', 1);
    const declined = await api.ok('agent', 'POST', `/repairs/${r.id}/approval`, {
      method: 'phone',
      approverName: '张三',
      decision: 'decline',
      note: '电话告知新报价，客户拒绝',
      quoteVersion: v3.quote.version,
      declineReason: '费用太高，不修了',
    });
    expect(declined.status).toBe('declined');
    expect(declined.parts.every((p: { state: string }) => p.state === 'released')).toBe(true);
    expect(await level(t, personal.id, part.id)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
  });

  it('a cancellation releases what approval reserved', async () => {
    const part = await makePart(t);
    await receive(t, personal.id, part.id, 2);
    const { r } = await quotedWithPart(part.id, 2);
    await api.approve(r.id, 1);
    expect(await level(t, personal.id, part.id)).toMatchObject({ reserved: 2, available: 0 });
    // Cancelled while approved: the parts go back.
    expect((await api.move(r.id, 'cancelled', { reason: '客户改期后取消' }, 'manager')).statusCode).toBe(200);
    expect(await level(t, personal.id, part.id)).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
  });

  it('a reservation beyond stock is a 409 and nothing changes', async () => {
    const part = await makePart(t);
    const central = await makeWarehouse(t);
    await receive(t, central.id, part.id, 2);
    const { r } = await quotedWithPart(part.id, 2, { warehouseId: central.id });
    expect(r.quote.partsWarehouseId).toBe(central.id);
    // A stock count finds one fewer after the quote was made (the quote itself was checked): the approval refuses.
    const adj = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/stock/adjustments',
      payload: { warehouseId: central.id, partId: part.id, delta: -1, reason: '盘点少一件' },
    });
    expect(adj.statusCode, adj.body).toBeLessThan(300);
    const movements = await movementCount(t, part.id);
    const res = await api.call('agent', 'POST', `/repairs/${r.id}/approval`, {
      method: 'phone',
      approverName: '张三',
      decision: 'approve',
      note: '电话确认方案',
      quoteVersion: 1,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.details).toMatchObject({ code: 'insufficient_stock', available: 1, requested: 2 });
    const after = await api.ok('agent', 'GET', `/repairs/${r.id}`);
    expect(after).toMatchObject({ status: 'awaiting_approval', approval: null, parts: [] });
    expect(await level(t, central.id, part.id)).toMatchObject({ onHand: 1, reserved: 0, available: 1 });
    expect(await movementCount(t, part.id)).toBe(movements);
  });

  it('an unknown catalogue part on a quote is a 400 naming the line', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const { ticket } = await api.ticketWithUnit();
    const r = await api.create(ticket.id);
    await api.diagnose(r.id);
    const res = await api.call('engineer', 'PUT', `/repairs/${r.id}/quote`, {
      plan: 'x',
      lines: [{ kind: 'part', partId: '00000000-0000-4000-8000-000000000000', code: 'X', name: 'X', unitPriceFen: 1, quantity: 1 }],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.stringify(res.json())).toContain('lines.0.partId');
    expect((await api.ok('agent', 'GET', `/repairs/${r.id}`)).status).toBe('diagnosing');
  });
});
