import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../jobs/outbox';
import { makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { detectBreaches } from '../sla/breach.service';
import { clocksOfSubject } from '../sla/subject-clocks';
import { makePart, makeWarehouse, receive } from './parts.fixtures';

// 备件发货 Parts requested for a repair ship within 24 h, urgent ones expedited (RULES.md, 004 §二(三)):
// a clock per requested line, stopped when the parts ship, breached (and announced on the ticket) when late.

let t: TestApp;
let ticket: { id: string; number: string };
let wh: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  ticket = await makeTicket(t);
  wh = await makeWarehouse(t);
}, 60_000);
afterAll(async () => t?.close());

const HOUR = 3_600_000;
const clocks = (id: string) => clocksOfSubject(t.ctx.db, 'part_shipment', id);
async function request(opts: { ship: boolean; urgent?: boolean }) {
  const p = await makePart(t);
  await receive(t, wh.id, p.id, 3);
  const res = await t.as('logistics', {
    method: 'POST',
    url: '/api/v1/stock/reservations',
    payload: { warehouseId: wh.id, ticketId: ticket.id, lines: [{ partId: p.id, quantity: 1 }], ...opts },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().items[0] as { id: string; shipRequired: boolean };
}
const ship = (id: string, body: object = { trackingNumber: 'SF100200300' }) =>
  t.as('logistics', { method: 'POST', url: `/api/v1/stock/reservations/${id}/ship`, payload: body });

describe('parts shipment clock', () => {
  it('a requested part must ship within 24 clock hours; shipping in time meets it', async () => {
    const start = t.clock.now();
    const r = await request({ ship: true });
    expect(await clocks(r.id)).toMatchObject([{ target: 'partShipment', status: 'running', dueAt: new Date(start.getTime() + 24 * HOUR) }]);
    t.clock.advance(5 * HOUR);
    const res = await ship(r.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ trackingNumber: 'SF100200300' });
    expect(await clocks(r.id)).toMatchObject([{ status: 'met' }]);
    expect((await ship(r.id)).statusCode).toBe(409); // shipped once
  });

  it('urgent is expedited (4 h); late it breaches and the ticket’s people hear of it', async () => {
    const start = t.clock.now();
    const r = await request({ ship: true, urgent: true });
    expect(await clocks(r.id)).toMatchObject([{ status: 'running', dueAt: new Date(start.getTime() + 4 * HOUR) }]);
    t.clock.advance(4 * HOUR + 1000);
    await detectBreaches(t.ctx);
    expect(await clocks(r.id)).toMatchObject([{ status: 'breached' }]);
    while ((await deliverOutbox(t.ctx, t.modules.outbox)) > 0) {
      // deliver
    }
    const titles = (await t.as('manager', { method: 'GET', url: '/api/v1/notifications' })).json().items.map((n: { title: string }) => n.title);
    expect(titles).toContain(`工单 ${ticket.number} 备件发货已超时`);
    // Shipping late still records when it shipped; the clock stays counted as missed.
    expect((await ship(r.id)).statusCode).toBe(200);
    expect(await clocks(r.id)).toMatchObject([{ status: 'breached', stoppedAt: expect.any(Date) }]);
  });

  it('no clock without a shipment; a withdrawn request cancels its clock', async () => {
    const plain = await request({ ship: false });
    expect(await clocks(plain.id)).toEqual([]);
    expect((await ship(plain.id)).statusCode).toBe(409);
    const r = await request({ ship: true });
    expect((await t.as('logistics', { method: 'POST', url: `/api/v1/stock/reservations/${r.id}/release`, payload: {} })).statusCode).toBe(200);
    expect(await clocks(r.id)).toMatchObject([{ status: 'cancelled' }]);
  });
});
