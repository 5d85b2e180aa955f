import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';
import { rmaApi } from '../../../test/helpers/rma';
import { makeCustomer, makeProductModel, makeSerialUnit, makeTicket } from '../../../test/factories';
import { makePart, makeWarehouse, receive } from '../parts/parts.fixtures';

// 看板筛选 The returns, refunds and parts figures beside the KPI figures follow the dashboard's filters
// (issue 15): a manager who narrows the dashboard to one model or region sees that model's or region's
// returns, refunds and parts, not the company's. Two customers — one in 上海 (华东) with model A, one in
// 广东 (华南) with model B — each return a unit (an RMA refunded, November 2026) and have parts used on
// a ticket: A's 1 piece reserved on its return ticket itself, B's 2 pieces by a repair order of a repair
// ticket (the parts link to a ticket through the reservation either way).

let t: TestApp;
let rma: ReturnType<typeof rmaApi>;
let repairs: ReturnType<typeof repairApi>;
beforeAll(async () => {
  t = await createTestApp();
  rma = rmaApi(t);
  repairs = repairApi(t);
}, 300_000);
afterAll(async () => t?.close());

const PERIOD = 'from=2026-11-01&to=2026-11-30';
const report = async (filters = '') => {
  const res = await t.as('manager', { method: 'GET', url: `/api/v1/reports/operations?${PERIOD}${filters}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** A return of a unit of `unitOf`'s model by `customerId`, inspected and refunded. */
async function refundedReturn(unitId: string, customerId: string) {
  const { rma: r } = await rma.inspected({}, { serialUnitId: unitId, customerId });
  await rma.ok('agent', 'POST', `/rmas/${r.id}/outcome`, { outcome: 'refund', attribution: 'customer_cause' });
}

/** A repair order on its own ticket that uses `quantity` of `partId` from the engineer's personal stock. */
async function repairUsing(ticketId: string, partId: string, quantity: number) {
  const r = await repairs.create(ticketId);
  await repairs.diagnose(r.id);
  await repairs.ok('engineer', 'PUT', `/repairs/${r.id}/quote`, {
    plan: '更换电源模块',
    lines: [
      { kind: 'part', partId, code: 'X', name: '电源模块', unitPriceFen: 1, quantity, free: true },
      { kind: 'labour', code: 'L-PART', name: '部件更换工时', unitPriceFen: 8000, quantity: 1, free: true },
    ],
  });
  await repairs.approve(r.id, 1);
  await repairs.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
  await repairs.ok('engineer', 'POST', `/repairs/${r.id}/accept`);
  await repairs.ok('engineer', 'POST', `/repairs/${r.id}/check-in`);
  expect((await repairs.move(r.id, 'in_repair')).statusCode).toBe(200);
  expect((await repairs.move(r.id, 'testing')).statusCode).toBe(200);
  await repairs.ok('engineer', 'POST', `/repairs/${r.id}/on-site-record`, {
    findings: '电源模块损坏',
    work: '更换电源模块',
    partsUsed: [{ partId, code: 'X', name: '电源模块', quantity }],
    testResult: '输出 24.0V 稳定',
    testPassed: true,
  });
}

describe('returns, refunds and parts under the dashboard’s filters', () => {
  const a = { modelId: '', partId: '' };
  const b = { modelId: '', partId: '', regionId: '' };
  let unusedModelId: string;

  beforeAll(async () => {
    const central = await makeWarehouse(t);
    const personal = await makeWarehouse(t, { name: '李工个人库', kind: 'engineer', ownerUserId: t.users.engineer.id });
    // Low in the central stock (5 − 1 < 10): the one stock line below its threshold, whatever the filters.
    const partA = await makePart(t, { name: '风扇 FAN-A', unitPriceFen: 5_000, lowStockThreshold: 10 });
    const partB = await makePart(t, { name: '主板 MB-B', unitPriceFen: 30_000 });
    await receive(t, central.id, partA.id, 5);
    await receive(t, personal.id, partB.id, 5);
    Object.assign(a, { modelId: (await makeProductModel(t)).id, partId: partA.id });
    Object.assign(b, { modelId: (await makeProductModel(t)).id, partId: partB.id });
    unusedModelId = (await makeProductModel(t)).id;
    const regions = await t.as('manager', { method: 'GET', url: '/api/v1/regions' });
    b.regionId = regions.json().items.find((r: { name: string }) => r.name === '华南').id;

    // A: 上海 (31), a return refunded and 1 fan reserved on the return ticket and used.
    const customerA = await makeCustomer(t, { province: '31' });
    const unitA = await makeSerialUnit(t, { productModelId: a.modelId });
    await refundedReturn(unitA.id, customerA.id);
    const ticketA = await makeTicket(t, { serialUnitId: unitA.id, customerId: customerA.id });
    const reserved = await t.as('logistics', {
      method: 'POST',
      url: '/api/v1/stock/reservations',
      payload: { warehouseId: central.id, ticketId: ticketA.id, lines: [{ partId: partA.id, quantity: 1 }] },
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    const consumed = await t.as('logistics', { method: 'POST', url: `/api/v1/stock/reservations/${reserved.json().items[0].id}/consume`, payload: {} });
    expect(consumed.statusCode, consumed.body).toBe(200);

    // B: 广东 (44, 华南), a return refunded and 2 boards used by a repair order of a repair ticket.
    const customerB = await makeCustomer(t, { province: '44' });
    const unitB = await makeSerialUnit(t, { productModelId: b.modelId });
    await refundedReturn(unitB.id, customerB.id);
    const repairTicket = await makeTicket(t, { serialUnitId: unitB.id, customerId: customerB.id });
    await repairUsing(repairTicket.id, partB.id, 2);
    // The facts rows are complete once the tickets' events are handled.
    await t.workers.runOnce();
  }, 300_000);

  it('without a filter counts both tickets’ returns, refunds and parts', async () => {
    const r = await report();
    expect(r.rma).toMatchObject({ total: 2, byOutcome: [{ outcome: 'refund', attribution: 'customer_cause', count: 2 }] });
    expect(r.refunds).toMatchObject({ requested: 2, open: 2 });
    expect(r.parts).toMatchObject({ consumedQuantity: 3, consumedValueFen: 5_000 + 2 * 30_000, lowStockLines: 1 });
    expect(r.parts.topConsumed.map((p: { partId: string }) => p.partId)).toEqual([b.partId, a.partId]);
  });

  it('filtered by one model counts only its ticket’s figures', async () => {
    const amount = 2 * 19_900; // the fixture's no-reason return of 2 speakers (the customer pays the postage)
    const onlyA = await report(`&productModelId=${a.modelId}`);
    expect(onlyA.rma).toEqual({
      total: 1,
      byMonth: [{ month: '2026-11', kind: 'return', reason: 'no_reason', count: 1 }],
      byOutcome: [{ outcome: 'refund', attribution: 'customer_cause', count: 1 }],
    });
    expect(onlyA.refunds).toMatchObject({ requested: 1, open: 1, amountRequestedFen: amount });
    expect(onlyA.parts).toMatchObject({
      consumedQuantity: 1,
      consumedValueFen: 5_000,
      topConsumed: [expect.objectContaining({ partId: a.partId, quantity: 1 })],
    });

    const onlyB = await report(`&productModelId=${b.modelId}`);
    expect(onlyB.rma.total).toBe(1);
    expect(onlyB.refunds).toMatchObject({ requested: 1, amountRequestedFen: amount });
    // Used by the repair order: counted for the repair order's ticket.
    expect(onlyB.parts).toMatchObject({ consumedQuantity: 2, topConsumed: [expect.objectContaining({ partId: b.partId, quantity: 2 })] });
  });

  it('filtered by region or province counts the customers’ tickets there; a filter no ticket matches counts nothing but the stock', async () => {
    for (const filter of [`&regionId=${b.regionId}`, '&province=44']) {
      const r = await report(filter);
      expect({ rma: r.rma.total, refunds: r.refunds.requested, parts: r.parts.consumedQuantity }, filter).toEqual({ rma: 1, refunds: 1, parts: 2 });
    }
    expect((await report('&province=31')).parts.topConsumed).toEqual([expect.objectContaining({ partId: a.partId })]);

    const none = await report(`&productModelId=${unusedModelId}`);
    expect(none.rma).toEqual({ total: 0, byMonth: [], byOutcome: [] });
    expect(none.refunds).toMatchObject({ requested: 0, onTimeRate: null, amountRequestedFen: 0 });
    expect(none.parts).toMatchObject({ consumedQuantity: 0, topConsumed: [], lowStockLines: 1 });
  });

  it('each figure opens exactly the records it counts, under the same filters', async () => {
    const records = async (path: string, q: string) => {
      const res = await t.as('manager', { method: 'GET', url: `/api/v1/reports/operations/${path}?${PERIOD}${q}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const all = await records('rmas', '&excludeCancelled=true');
    expect(all.total).toBe(2);
    for (const [filter, customerOf] of [
      [`&productModelId=${a.modelId}`, 'A'],
      [`&regionId=${b.regionId}`, 'B'],
    ] as const) {
      const figures = await report(filter);
      const rmas = await records('rmas', `${filter}&outcome=refund&attribution=customer_cause`);
      expect(rmas.total, filter).toBe(figures.rma.byOutcome[0].count);
      expect(rmas.items, filter).toHaveLength(1);
      const refunds = await records('refunds', `${filter}&queue=requested`);
      expect({ total: refunds.total, fen: refunds.totalFen }, filter).toEqual({ total: figures.refunds.requested, fen: figures.refunds.amountRequestedFen });
      expect(
        refunds.items.map((r: { rmaId: string }) => r.rmaId),
        filter,
      ).toEqual([rmas.items[0].id]);
      const used = await records('consumption', filter);
      expect(
        used.items.map((m: { partId: string }) => m.partId),
        filter,
      ).toEqual([customerOf === 'A' ? a.partId : b.partId]);
      expect(-used.items[0].onHandDelta, filter).toBe(figures.parts.consumedQuantity);
    }
    // The other model's part is not among model A's consumption, even asked by name.
    expect((await records('consumption', `&productModelId=${a.modelId}&partId=${b.partId}`)).total).toBe(0);
    expect((await records('rmas', `&productModelId=${unusedModelId}`)).items).toEqual([]);
  });

  it('the record lists refuse what the figures refuse', async () => {
    for (const q of ['&productModelId=not-a-uuid', '&queue=due', '']) {
      const res = await t.as('manager', { method: 'GET', url: `/api/v1/reports/operations/refunds?${PERIOD}${q}` });
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('takes the KPI figures’ query: a bad filter is refused like there', async () => {
    for (const q of ['&productModelId=not-a-uuid', '&channel=telepathy', '&province=99']) {
      const [ops, kpi] = await Promise.all(
        ['operations', 'kpi'].map((path) => t.as('manager', { method: 'GET', url: `/api/v1/reports/${path}?${PERIOD}${q}` })),
      );
      expect(ops!.statusCode, q).toBe(kpi!.statusCode);
      expect(ops!.statusCode, q).toBeGreaterThanOrEqual(400);
    }
  });
});
