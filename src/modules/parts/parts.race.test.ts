import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { level, makePart, makeWarehouse, receive } from './parts.fixtures';

// Issue 11: stock never goes negative, also under concurrent reservations. On PostgreSQL the
// requests below really race (a pool of connections); on PGlite (one connection) they queue, and the
// same assertions must hold there too.

let t: TestApp;
let ticket: { id: string };
beforeAll(async () => {
  t = await createTestApp();
  ticket = await makeTicket(t);
}, 60_000);
afterAll(async () => t?.close());

async function q<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await t.ctx.database.exec(text, params)).rows as T[];
}

describe('racing requests', () => {
  it('20 concurrent reservations of 1 for a stock of 5: exactly 5 succeed, the rest 409, nothing negative', async () => {
    const wh = await makeWarehouse(t);
    const p = await makePart(t, { lowStockThreshold: 2 });
    await receive(t, wh.id, p.id, 5);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.as('logistics', {
          method: 'POST',
          url: '/api/v1/stock/reservations',
          payload: { warehouseId: wh.id, ticketId: ticket.id, lines: [{ partId: p.id, quantity: 1 }] },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 409)).toHaveLength(15);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().error).toMatchObject({ code: 'conflict', details: { code: 'insufficient_stock' } });
    expect(await level(t, wh.id, p.id)).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    // The ledger agrees with the stock row: one reservation movement per success, and the sums match.
    const [sums] = await q<{ n: number; on_hand: number; reserved: number }>(
      `select count(*) filter (where kind = 'reservation')::int as n, sum(on_hand_delta)::int as on_hand, sum(reserved_delta)::int as reserved
         from stock_movements where part_id = $1`,
      [p.id],
    );
    expect(sums).toEqual({ n: 5, on_hand: 5, reserved: 5 });
    const [active] = await q<{ n: number }>(`select coalesce(sum(quantity), 0)::int as n from part_reservations where part_id = $1 and status = 'active'`, [
      p.id,
    ]);
    expect(active!.n).toBe(5);
    // One low-stock alert for the one crossing (5 → below 2), not one per reservation.
    const [alerts] = await q<{ n: number }>(`select count(*)::int as n from outbox where topic = 'parts.low_stock' and payload->>'partId' = $1`, [p.id]);
    expect(alerts!.n).toBe(1);
  });

  it('concurrent reservations of several parts listed in different orders never deadlock', async () => {
    const wh = await makeWarehouse(t);
    const a = await makePart(t);
    const b = await makePart(t);
    await receive(t, wh.id, a.id, 10);
    await receive(t, wh.id, b.id, 10);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.as('logistics', {
          method: 'POST',
          url: '/api/v1/stock/reservations',
          payload: {
            warehouseId: wh.id,
            ticketId: ticket.id,
            lines:
              i % 2
                ? [
                    { partId: a.id, quantity: 1 },
                    { partId: b.id, quantity: 1 },
                  ]
                : [
                    { partId: b.id, quantity: 1 },
                    { partId: a.id, quantity: 1 },
                  ],
          },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).filter((c) => c !== 201 && c !== 409)).toEqual([]);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
    expect(await level(t, wh.id, a.id)).toMatchObject({ onHand: 10, reserved: 10 });
    expect(await level(t, wh.id, b.id)).toMatchObject({ onHand: 10, reserved: 10 });
  });

  it('concurrent transfers in both directions between two warehouses do not deadlock and keep the total', async () => {
    const x = await makeWarehouse(t);
    const y = await makeWarehouse(t, { name: '华南区域库', kind: 'regional' });
    const a = await makePart(t);
    const b = await makePart(t);
    for (const wh of [x, y]) for (const p of [a, b]) await receive(t, wh.id, p.id, 20);
    const transfer = (from: string, to: string, first: string, second: string) =>
      t.as('logistics', {
        method: 'POST',
        url: '/api/v1/stock/transfers',
        payload: {
          fromWarehouseId: from,
          toWarehouseId: to,
          lines: [
            { partId: first, quantity: 1 },
            { partId: second, quantity: 1 },
          ],
        },
      });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? transfer(x.id, y.id, a.id, b.id) : transfer(y.id, x.id, b.id, a.id))));
    // A deadlock would surface as a 500 (40P01): every one must commit.
    expect(results.map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    for (const p of [a, b]) {
      const total = (await level(t, x.id, p.id)).onHand + (await level(t, y.id, p.id)).onHand;
      expect(total).toBe(40);
    }
  });

  it('the CHECK constraint is the last line of defence: a direct write below zero is refused by the database', async () => {
    const wh = await makeWarehouse(t);
    const p = await makePart(t);
    await receive(t, wh.id, p.id, 1);
    await expect(q(`update stock set reserved = 2 where warehouse_id = $1 and part_id = $2`, [wh.id, p.id])).rejects.toThrow(/stock_never_negative/);
    await expect(q(`update stock set on_hand = -1, reserved = 0 where warehouse_id = $1 and part_id = $2`, [wh.id, p.id])).rejects.toThrow(
      /stock_never_negative/,
    );
  });
});
