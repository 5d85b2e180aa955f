import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProductModel, makeSerialUnit } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { rmaApi } from '../../../test/helpers/rma';

// 资格判定 on an RMA request: the decision is recorded with its citations, a refused remedy needs a
// manager's override with a reason. The test clock stands on Fri 2026-11-20.
let t: TestApp;
let api: ReturnType<typeof rmaApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = rmaApi(t);
});
afterAll(async () => t?.close());

const rmasOf = async (ticketId: string) => (await api.ok('agent', 'GET', `/tickets/${ticketId}/rmas`)).items as unknown[];

describe('RMA request eligibility (退换货资格判定)', () => {
  it('records the decision with its citations when the remedy is allowed', async () => {
    const { rma } = await api.create();
    expect(rma.eligibility).toMatchObject({ remedy: 'noReasonReturn', allowed: true, requestedOn: '2026-11-20', serialUnitId: null });
    // Received Tue Nov 17: 7 days from the day after → Tue Nov 24 (CRPL Art 25).
    expect(rma.eligibility.decision.noReasonReturn).toMatchObject({ allowed: true, until: '2026-11-24' });
    expect(rma.eligibility.decision.noReasonReturn.reasons.map((r: { ruleZh: string }) => r.ruleZh).join(' ')).toContain('第二十五条');
    expect(rma.eligibility.decision.returnShippingPaidBy).toBe('consumer');
    expect(rma.eligibilityOverride).toBeNull();
  });

  it('refuses a remedy the law does not allow, writing nothing; only a manager overrides it, with a reason that is kept', async () => {
    const { ticket } = await api.create();
    const late = api.request({ receivedOn: '2026-11-01' });
    const refused = await api.call('agent', 'POST', `/tickets/${ticket.id}/rmas`, late);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'conflict',
      details: { remedy: 'noReasonReturn', eligibility: { noReasonReturn: { allowed: false } } },
    });
    expect(refused.json().error.message).toContain('无理由退货');
    expect(await rmasOf(ticket.id)).toHaveLength(1);

    const byAgent = await api.call('agent', 'POST', `/tickets/${ticket.id}/rmas`, { ...late, override: { reason: '老客户，经理口头同意' } });
    expect(byAgent.statusCode, byAgent.body).toBe(403);
    expect(await rmasOf(ticket.id)).toHaveLength(1);

    const overridden = await api.ok('manager', 'POST', `/tickets/${ticket.id}/rmas`, { ...late, override: { reason: '重要客户，特批退货' } });
    expect(overridden).toMatchObject({
      status: 'requested',
      eligibility: { remedy: 'noReasonReturn', allowed: false },
      eligibilityOverride: { reason: '重要客户，特批退货' },
    });
    const events = (await api.ok('manager', 'GET', `/tickets/${ticket.id}/events`)).items as { type: string; data: Record<string, unknown> }[];
    expect(events.find((e) => e.type === 'rma_requested' && (e.data as { rmaId?: string }).rmaId === overridden.id)?.data).toMatchObject({
      eligibility: { remedy: 'noReasonReturn', allowed: false },
      override: { reason: '重要客户，特批退货' },
    });
  });

  it('custom-made goods have no no-reason return; a quality exchange of them is allowed', async () => {
    const { ticket } = await api.create();
    const custom = await api.call('agent', 'POST', `/tickets/${ticket.id}/rmas`, api.request({ customMade: true }));
    expect(custom.statusCode, custom.body).toBe(409);
    const exchange = await api.ok('agent', 'POST', `/tickets/${ticket.id}/rmas`, api.request({ customMade: true, kind: 'exchange', reason: 'quality' }));
    expect(exchange.eligibility).toMatchObject({ remedy: 'exchange', allowed: true });
    expect(exchange.eligibility.decision.returnShippingPaidBy).toBe('seller');
  });

  it("a registered serial number feeds the unit's warranty decision in; an unknown one is judged without it", async () => {
    const model = await makeProductModel(t, { warrantyMonths: 12 });
    const unit = await makeSerialUnit(t, { productModelId: model.id, purchaseDate: '2026-11-10' });
    const item = { model: 'SP-200', name: '蓝牙音箱', orderedQuantity: 1, quantity: 1, unitPriceFen: 19_900 };
    const { rma } = await api.create({ reason: 'quality', items: [{ ...item, serialNumber: unit.serialNumber }] });
    expect(rma.eligibility).toMatchObject({ remedy: 'qualityReturn', allowed: true, serialUnitId: unit.id });
    expect(rma.eligibility.decision.repair).toMatchObject({ allowed: true, until: '2027-11-10' });
    const { rma: unknown } = await api.create({ reason: 'quality', items: [{ ...item, serialNumber: 'SN-NOBODY-HAS-THIS' }] });
    expect(unknown.eligibility).toMatchObject({ allowed: true, serialUnitId: null });
  });
});
