import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../jobs/outbox';
import { makeSerialUnit, makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { level, makePart, makeWarehouse, movementCount, receive } from './parts.fixtures';

// 备件 (issue 11 "Spare parts"): what a stock keeper and an engineer notice — a reservation beyond
// what is available is refused and changes nothing; consuming reduces on hand; releasing restores;
// transfers move; the replaced old part is tracked until the station receives it; low stock alerts.

let t: TestApp;
let central: { id: string };
let personal: { id: string };
let ticket: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  central = await makeWarehouse(t);
  personal = await makeWarehouse(t, { name: '张工个人库', kind: 'engineer', ownerUserId: t.users.engineer.id });
  ticket = await makeTicket(t);
}, 60_000);
afterAll(async () => t?.close());

const reserve = (role: 'logistics' | 'engineer', warehouseId: string, lines: { partId: string; quantity: number }[]) =>
  t.as(role, { method: 'POST', url: '/api/v1/stock/reservations', payload: { warehouseId, ticketId: ticket.id, lines } });

describe('reservations', () => {
  it('reserving beyond what is available is a 409 and changes nothing (all lines or none)', async () => {
    const a = await makePart(t);
    const b = await makePart(t);
    await receive(t, central.id, a.id, 5);
    await receive(t, central.id, b.id, 1);
    const before = await movementCount(t, a.id);
    const res = await reserve('logistics', central.id, [
      { partId: a.id, quantity: 2 },
      { partId: b.id, quantity: 2 },
    ]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'conflict', details: { code: 'insufficient_stock', available: 1, requested: 2, partId: b.id } });
    expect(res.json().error.message).toContain('可用库存不足');
    expect(await level(t, central.id, a.id)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect(await movementCount(t, a.id)).toBe(before);
  });

  it('reserve holds pieces, release gives them back, consume takes them from on hand', async () => {
    const p = await makePart(t);
    await receive(t, central.id, p.id, 5);
    const res = await reserve('logistics', central.id, [{ partId: p.id, quantity: 3 }]);
    expect(res.statusCode, res.body).toBe(201);
    const [r] = res.json().items;
    expect(await level(t, central.id, p.id)).toMatchObject({ onHand: 5, reserved: 3, available: 2 });
    const rel = await t.as('logistics', { method: 'POST', url: `/api/v1/stock/reservations/${r.id}/release`, payload: { quantity: 1 } });
    expect(rel.statusCode, rel.body).toBe(200);
    expect(rel.json()).toMatchObject({ releasedQty: 1, status: 'active' });
    expect(await level(t, central.id, p.id)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    const con = await t.as('logistics', { method: 'POST', url: `/api/v1/stock/reservations/${r.id}/consume`, payload: {} });
    expect(con.statusCode, con.body).toBe(200);
    expect(con.json().reservation).toMatchObject({ consumedQty: 2, status: 'closed' });
    expect(await level(t, central.id, p.id)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    // Closed: a second consumption is refused and changes nothing.
    const again = await t.as('logistics', { method: 'POST', url: `/api/v1/stock/reservations/${r.id}/consume`, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(await level(t, central.id, p.id)).toMatchObject({ onHand: 3, reserved: 0 });
    const kinds = (await t.as('logistics', { method: 'GET', url: `/api/v1/stock/movements?partId=${p.id}` })).json().items.map((m: { kind: string }) => m.kind);
    expect(kinds).toEqual(['consumption', 'release', 'reservation', 'receipt']);
  });

  it('a reservation names an existing ticket', async () => {
    const p = await makePart(t);
    await receive(t, central.id, p.id, 1);
    const res = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/stock/reservations',
      payload: { warehouseId: central.id, ticketId: '00000000-0000-4000-8000-000000000000', lines: [{ partId: p.id, quantity: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('ticketId');
    expect(await level(t, central.id, p.id)).toMatchObject({ reserved: 0 });
  });
});

describe('transfers and the engineer’s personal stock', () => {
  it('a transfer moves pieces from central to the engineer; the engineer sees only their stock; unused parts go back', async () => {
    const p = await makePart(t);
    await receive(t, central.id, p.id, 4);
    const tr = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/stock/transfers',
      payload: { fromWarehouseId: central.id, toWarehouseId: personal.id, lines: [{ partId: p.id, quantity: 3 }] },
    });
    expect(tr.statusCode, tr.body).toBe(201);
    expect(await level(t, central.id, p.id)).toMatchObject({ onHand: 1 });
    expect(await level(t, personal.id, p.id)).toMatchObject({ onHand: 3 });
    // Moving more than available is refused and moves nothing.
    const tooMany = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/stock/transfers',
      payload: { fromWarehouseId: central.id, toWarehouseId: personal.id, lines: [{ partId: p.id, quantity: 2 }] },
    });
    expect(tooMany.statusCode).toBe(409);
    expect(await level(t, personal.id, p.id)).toMatchObject({ onHand: 3 });

    const mine = await t.as('engineer', { method: 'GET', url: `/api/v1/stock?partId=${p.id}` });
    expect(mine.json().items.map((i: { warehouseId: string }) => i.warehouseId)).toEqual([personal.id]);
    // The engineer may not reserve from the central warehouse, only from their own.
    expect((await reserve('engineer', central.id, [{ partId: p.id, quantity: 1 }])).statusCode).toBe(403);
    expect((await reserve('engineer', personal.id, [{ partId: p.id, quantity: 1 }])).statusCode).toBe(201);

    const back = await t.as('engineer', {
      method: 'POST',
      url: '/api/v1/stock/returns',
      payload: { fromWarehouseId: personal.id, toWarehouseId: central.id, lines: [{ partId: p.id, quantity: 2 }], reason: '未使用' },
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().movements.map((m: { kind: string }) => m.kind)).toEqual(['return_out', 'return_in']);
    expect(await level(t, personal.id, p.id)).toMatchObject({ onHand: 1, reserved: 1 });
    expect(await level(t, central.id, p.id)).toMatchObject({ onHand: 3 });
    // Reserved pieces cannot go back.
    const reservedBack = await t.as('engineer', {
      method: 'POST',
      url: '/api/v1/stock/returns',
      payload: { fromWarehouseId: personal.id, toWarehouseId: central.id, lines: [{ partId: p.id, quantity: 1 }] },
    });
    expect(reservedBack.statusCode).toBe(409);
  });
});

describe('旧件返还 old parts', () => {
  it('consuming on a unit records the old part, tracked until received; in warranty it may go back to the maker', async () => {
    const unit = await makeSerialUnit(t);
    const p = await makePart(t, { serialTracked: true, compatibleModelIds: [unit.productModelId] });
    await receive(t, personal.id, p.id, 2);
    const [r] = (await reserve('engineer', personal.id, [{ partId: p.id, quantity: 1 }])).json().items;
    const noSerial = await t.as('engineer', {
      method: 'POST',
      url: `/api/v1/stock/reservations/${r.id}/consume`,
      payload: { oldPart: { serialUnitId: unit.id, inWarranty: true } },
    });
    expect(noSerial.statusCode).toBe(400);
    expect(noSerial.json().error.issues[0].path).toBe('serialNumbers');
    const con = await t.as('engineer', {
      method: 'POST',
      url: `/api/v1/stock/reservations/${r.id}/consume`,
      payload: { serialNumbers: ['PSU-NEW-001'], oldPart: { serialUnitId: unit.id, serialNumber: 'PSU-OLD-777', inWarranty: true } },
    });
    expect(con.statusCode, con.body).toBe(200);
    expect(con.json().movement.serialNumbers).toEqual(['PSU-NEW-001']);
    const old = con.json().oldPart;
    expect(old).toMatchObject({ status: 'expected', serialUnitId: unit.id, inWarranty: true });

    const outstanding = async () =>
      (await t.as('logistics', { method: 'GET', url: '/api/v1/parts/old-parts?outstanding=true&limit=200' })).json().items.map((o: { id: string }) => o.id);
    expect(await outstanding()).toContain(old.id);
    const move = (role: 'engineer' | 'logistics', body: object) =>
      t.as(role, { method: 'POST', url: `/api/v1/parts/old-parts/${old.id}/moves`, payload: body });
    expect((await move('engineer', { to: 'shipped' })).statusCode).toBe(400); // needs a tracking number
    expect((await move('engineer', { to: 'received' })).statusCode).toBe(403); // the station receives
    expect((await move('engineer', { to: 'shipped', trackingNumber: 'SF1234567890' })).statusCode).toBe(200);
    expect(await outstanding()).toContain(old.id);
    expect((await move('logistics', { to: 'returned_to_maker' })).statusCode).toBe(409); // not received yet
    expect((await move('logistics', { to: 'received' })).json()).toMatchObject({ status: 'received', trackingNumber: 'SF1234567890' });
    expect(await outstanding()).not.toContain(old.id);
    expect((await move('logistics', { to: 'returned_to_maker' })).json()).toMatchObject({ status: 'returned_to_maker' });
  });

  it('an out-of-warranty old part cannot be returned to the maker; a part that does not fit the unit is refused', async () => {
    const unit = await makeSerialUnit(t);
    const other = await makeSerialUnit(t);
    const p = await makePart(t, { compatibleModelIds: [unit.productModelId] });
    await receive(t, personal.id, p.id, 2);
    const [r] = (await reserve('engineer', personal.id, [{ partId: p.id, quantity: 2 }])).json().items;
    const wrong = await t.as('engineer', {
      method: 'POST',
      url: `/api/v1/stock/reservations/${r.id}/consume`,
      payload: { quantity: 1, oldPart: { serialUnitId: other.id, inWarranty: false } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(await level(t, personal.id, p.id)).toMatchObject({ onHand: 2, reserved: 2 });
    const con = await t.as('engineer', {
      method: 'POST',
      url: `/api/v1/stock/reservations/${r.id}/consume`,
      payload: { quantity: 1, oldPart: { serialUnitId: unit.id, inWarranty: false } },
    });
    expect(con.statusCode, con.body).toBe(200);
    const id = con.json().oldPart.id;
    await t.as('logistics', { method: 'POST', url: `/api/v1/parts/old-parts/${id}/moves`, payload: { to: 'received' } });
    const maker = await t.as('logistics', { method: 'POST', url: `/api/v1/parts/old-parts/${id}/moves`, payload: { to: 'returned_to_maker' } });
    expect(maker.statusCode).toBe(409);
    expect(maker.json().error.message).toContain('保修期内');
  });
});

describe('low stock', () => {
  it('falling below the threshold notifies logistics and managers once, in their language', async () => {
    const p = await makePart(t, { lowStockThreshold: 3, name: '主控板' });
    await receive(t, central.id, p.id, 5);
    expect((await reserve('logistics', central.id, [{ partId: p.id, quantity: 3 }])).statusCode).toBe(201); // 2 available < 3
    expect((await reserve('logistics', central.id, [{ partId: p.id, quantity: 1 }])).statusCode).toBe(201); // still low: no second alert
    while ((await deliverOutbox(t.ctx, t.modules.outbox)) > 0) {
      // deliver everything
    }
    const mine = async (role: 'logistics' | 'manager' | 'agent', lang = 'zh-CN') =>
      (await t.as(role, { method: 'GET', url: '/api/v1/notifications', headers: { 'accept-language': lang } }))
        .json()
        .items.filter((n: { title: string }) => n.title.includes(p.partNumber));
    const zh = await mine('logistics');
    expect(zh).toHaveLength(1);
    expect(zh[0].title).toBe(`备件库存不足：上海中心库 ${p.partNumber} 主控板 可用 2（预警线 3）`);
    expect((await mine('manager', 'en'))[0].title).toContain('Low stock');
    expect(await mine('agent')).toHaveLength(0);
    expect(await level(t, central.id, p.id)).toMatchObject({ available: 1, low: true });
    const low = (await t.as('logistics', { method: 'GET', url: `/api/v1/stock?lowOnly=true&warehouseId=${central.id}` })).json().items;
    expect(low.map((i: { partId: string }) => i.partId)).toContain(p.id);
    // An engineer's personal stock holds a few pieces: never "low", never alerted.
    const tr = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/stock/transfers',
      payload: { fromWarehouseId: central.id, toWarehouseId: personal.id, lines: [{ partId: p.id, quantity: 1 }] },
    });
    expect(tr.statusCode, tr.body).toBe(201);
    expect(await level(t, personal.id, p.id)).toMatchObject({ available: 1, low: false });
    const lowPersonal = (await t.as('logistics', { method: 'GET', url: `/api/v1/stock?lowOnly=true&warehouseId=${personal.id}` })).json();
    expect(lowPersonal.total).toBe(0);
  });
});

describe('catalogue', () => {
  it('part numbers are unique, prices are integer 分, compatible models must exist', async () => {
    const p = await makePart(t);
    const dup = await t.as('logistics', { method: 'POST', url: '/api/v1/parts', payload: { partNumber: p.partNumber, name: 'x', unitPriceFen: 1 } });
    expect(dup.statusCode).toBe(400);
    const frac = await t.as('logistics', { method: 'POST', url: '/api/v1/parts', payload: { partNumber: 'FRAC-1', name: 'x', unitPriceFen: 12.5 } });
    expect(frac.statusCode).toBe(400);
    const model = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/parts',
      payload: { partNumber: 'NOMODEL-1', name: 'x', unitPriceFen: 1, compatibleModelIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(model.statusCode).toBe(400);
    expect((await t.as('engineer', { method: 'POST', url: '/api/v1/parts', payload: { partNumber: 'ENG-1', name: 'x', unitPriceFen: 1 } })).statusCode).toBe(
      403,
    );
    const personal2 = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/warehouses',
      payload: { code: 'ENG-2', name: 'x', kind: 'engineer', ownerUserId: t.users.agent.id },
    });
    expect(personal2.statusCode).toBe(400);
  });
});
