import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { rmaApi } from '../../../test/helpers/rma';
import { makeTicket } from '../../../test/factories';
import { makePart, makeWarehouse, receive } from '../parts/parts.fixtures';

// 退换货、退款与备件 on the dashboard, counted by the returns, refunds and parts modules. November 2026:
// three no-reason returns refunded and one quality return still waiting for review; of the refunds
// one is paid at once, one a month later (after its legal due date), one never; 2 pieces of a part
// are used on a repair, and its central stock (3 left, threshold 10) is low.

let t: TestApp;
let api: ReturnType<typeof rmaApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = rmaApi(t);
}, 300_000);
afterAll(async () => t?.close());

const report = async (query: string, role: 'manager' | 'agent' = 'manager') => t.as(role, { method: 'GET', url: `/api/v1/reports/operations?${query}` });

describe('returns, refunds and parts figures', () => {
  let partId: string;
  beforeAll(async () => {
    const onTime = await api.refunded();
    const late = await api.refunded();
    await api.refunded(); // left unpaid
    await api.create({ reason: 'quality', kind: 'return', description: '开机即死机' });
    await api.ok('finance', 'POST', `/refunds/${onTime.refundId}/approve`);
    await api.ok('finance', 'POST', `/refunds/${onTime.refundId}/pay`, { reference: 'ICBC-1' });
    await api.ok('finance', 'POST', `/refunds/${late.refundId}/approve`);

    const central = await makeWarehouse(t);
    const part = await makePart(t, { lowStockThreshold: 10, name: '主板 MB-3' });
    partId = part.id;
    await receive(t, central.id, part.id, 5);
    const ticket = await makeTicket(t);
    const reserved = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/stock/reservations',
      payload: { warehouseId: central.id, ticketId: ticket.id, lines: [{ partId, quantity: 2 }] },
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    const consumed = await t.as('logistics', { method: 'POST', url: `/api/v1/stock/reservations/${reserved.json().items[0].id}/consume`, payload: {} });
    expect(consumed.statusCode, consumed.body).toBe(200);

    t.clock.set('2026-12-21T02:00:00.000Z');
    await t.refreshSessions();
    await api.ok('finance', 'POST', `/refunds/${late.refundId}/pay`, { reference: 'ICBC-2' });
  }, 300_000);

  it('counts returns per month and reason, refunds in time against their legal due date, and parts used', async () => {
    const res = await report('from=2026-11-01&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.rma).toEqual({
      total: 4,
      byMonth: [
        { month: '2026-11', kind: 'return', reason: 'no_reason', count: 3 },
        { month: '2026-11', kind: 'return', reason: 'quality', count: 1 },
      ],
      byOutcome: [{ outcome: 'refund', attribution: 'customer_cause', count: 3 }],
    });
    const amount = 2 * 19_900; // a no-reason return: the customer pays the postage (Art 25)
    expect(r.refunds).toEqual({
      requested: 3,
      paidOnTime: 1,
      paidLate: 1,
      open: 1,
      openOverdue: 1,
      onTimeRate: 0.5,
      amountPaidFen: 2 * amount,
      amountRequestedFen: 3 * amount,
    });
    expect(r.parts).toMatchObject({ consumedQuantity: 2, consumedValueFen: 2 * 12_800, lowStockLines: 1 });
    expect(r.parts.topConsumed).toEqual([expect.objectContaining({ partId, name: '主板 MB-3', quantity: 2 })]);
  });

  it('another month counts none of it; the figures are the managers’', async () => {
    const r = (await report('from=2026-10-01&to=2026-10-31')).json();
    expect(r.rma.total).toBe(0);
    expect(r.refunds).toMatchObject({ requested: 0, onTimeRate: null, amountPaidFen: 0 });
    expect(r.parts.consumedQuantity).toBe(0);
    expect((await report('from=2026-11-01&to=2026-11-30', 'agent')).statusCode).toBe(403);
  });

  it('every figure equals the rows of the list it opens, with the same period and filters', async () => {
    const r = (await report('from=2026-11-01&to=2026-11-30')).json();
    const list = async (role: 'manager' | 'finance' | 'logistics', url: string) => {
      const res = await t.as(role, { method: 'GET', url: `/api/v1${url}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const period = 'from=2026-11-01&to=2026-11-30';
    const [byOutcome] = r.rma.byOutcome;
    const decided = await list('manager', `/rmas?${period}&outcome=${byOutcome.outcome}&attribution=${byOutcome.attribution}`);
    expect(decided.total).toBe(byOutcome.count);
    expect(decided.items).toHaveLength(byOutcome.count);
    expect(decided.items.every((x: { attribution: string }) => x.attribution === 'customer_cause')).toBe(true);
    expect((await list('manager', `/rmas?from=2026-10-01&to=2026-10-31&outcome=refund&attribution=customer_cause`)).total).toBe(0);
    expect((await list('manager', `/rmas?${period}&outcome=refund&attribution=none`)).total).toBe(0);
    expect((await list('manager', `/rmas?${period}&excludeCancelled=true`)).total).toBe(r.rma.total);

    const requested = 'requestedFrom=2026-11-01&requestedTo=2026-11-30';
    const paid = await list('finance', `/refunds?queue=paid&${requested}`);
    expect({ n: paid.total, fen: paid.totalFen }).toEqual({ n: r.refunds.paidOnTime + r.refunds.paidLate, fen: r.refunds.amountPaidFen });
    const all = await list('finance', `/refunds?queue=requested&${requested}`);
    expect({ n: all.total, fen: all.totalFen }).toEqual({ n: r.refunds.requested, fen: r.refunds.amountRequestedFen });
    expect((await list('finance', '/refunds?queue=requested&requestedFrom=2026-10-01&requestedTo=2026-10-31')).total).toBe(0);

    const moves = await list('logistics', `/stock/movements?kind=consumption&partId=${partId}&${period}`);
    expect(moves.items.reduce((s: number, m: { onHandDelta: number }) => s - m.onHandDelta, 0)).toBe(r.parts.topConsumed[0].quantity);
    expect((await list('logistics', `/stock/movements?kind=consumption&partId=${partId}&from=2026-12-01&to=2026-12-31`)).total).toBe(0);
  });
});
