import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeProductModel, makeSerialUnit } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const INTACT = { unused: true, packagingIntact: true, accessoriesComplete: true, activated: false, sealBroken: false };
const judge = (payload: unknown, role: Parameters<TestApp['as']>[0] = 'agent') => t.as(role, { method: 'POST', url: '/api/v1/returns/eligibility', payload });
const body = (over: Record<string, unknown> = {}) => ({
  salesChannel: 'online',
  receivedOn: '2026-09-24',
  requestedOn: '2026-10-08',
  reason: 'no_reason',
  condition: INTACT,
  ...over,
});
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('POST /returns/eligibility (退换货资格)', () => {
  it('an online no-reason return whose 7th day falls on National Day runs to Oct 8; the consumer pays postage', async () => {
    const res = await judge(body());
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.noReasonReturn).toMatchObject({ allowed: true, until: '2026-10-08' });
    expect(d.noReasonReturn.reasons.find((r: { code: string }) => r.code === 'last_day_rest_day')).toMatchObject({
      rule: 'Civil Code Art 203',
      ruleZh: '《民法典》第二百零三条',
    });
    expect(d).toMatchObject({ returnShippingPaidBy: 'consumer', serialUnit: null, qualityReturn: { allowed: false }, repair: { allowed: false } });
    const late = (await judge(body({ requestedOn: '2026-10-09' }))).json();
    expect(late.noReasonReturn.allowed).toBe(false);
    expect(codes(late.noReasonReturn)).toContain('too_late');
  });

  it('a store sale: no statutory no-reason return; a quality problem in 15 days (003 contract) is returned at the seller’s cost', async () => {
    const d = (
      await judge(body({ salesChannel: 'store', reason: 'quality', receivedOn: '2026-09-16', requestedOn: '2026-10-08', contract: { qualityReturnDays: 15 } }))
    ).json();
    expect(d.noReasonReturn).toMatchObject({ allowed: false, until: null });
    expect(d.qualityReturn).toMatchObject({ allowed: true, until: '2026-10-08' });
    expect(d.exchange.allowed).toBe(true);
    expect(d.returnShippingPaidBy).toBe('seller');
  });

  it("with a serial number the unit's warranty decision feeds in: repair until its period's end, or paid after", async () => {
    const model = await makeProductModel(t, { warrantyMonths: 12 });
    const unit = await makeSerialUnit(t, { productModelId: model.id, purchaseDate: '2025-11-20' });
    const res = await judge(
      body({ salesChannel: 'phone', reason: 'quality', receivedOn: '2025-11-22', requestedOn: '2026-11-20', serialNumber: unit.serialNumber }),
      'finance',
    );
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.serialUnit).toMatchObject({ id: unit.id, serialNumber: unit.serialNumber });
    expect(d.repair).toMatchObject({ allowed: true, until: '2026-11-20' });
    expect(d.qualityReturn.allowed).toBe(false);
    const after = (
      await judge(body({ reason: 'quality', receivedOn: '2025-11-22', requestedOn: '2026-11-23', serialNumber: unit.serialNumber }), 'logistics')
    ).json();
    expect(after.repair).toMatchObject({ allowed: false, until: '2026-11-20' });
    expect(codes(after.repair)).toContain('out_of_warranty');
    // a request before the unit's recorded purchase is refused on the request date
    const early = await judge(body({ reason: 'quality', receivedOn: '2025-11-01', requestedOn: '2025-11-05', serialNumber: unit.serialNumber }));
    expect(early.statusCode, early.body).toBe(400);
    expect(early.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.requestedOn');
  });

  it('unknown serial → 404; bad input → 400 with the field path', async () => {
    expect((await judge(body({ serialNumber: 'NO-SUCH-SERIAL' }))).statusCode).toBe(404);
    const paths = async (payload: unknown) => {
      const res = await judge(payload);
      expect(res.statusCode, res.body).toBe(400);
      return (res.json().error.issues as { path: string }[]).map((i) => i.path);
    };
    expect(await paths(body({ receivedOn: '2026-02-30' }))).toContain('body.receivedOn');
    expect(await paths(body({ requestedOn: '2026-09-01' }))).toContain('body.requestedOn');
    expect(await paths(body({ salesChannel: 'flea_market' }))).toContain('body.salesChannel');
    expect(await paths(body({ condition: { ...INTACT, unused: 'yes' } }))).toContain('body.condition.unused');
    expect(await paths(body({ contract: { noReasonDays: -1 } }))).toContain('body.contract.noReasonDays');
    expect(await paths(body({ buyerConfirmedExclusions: ['whatever'] }))).toContain('body.buyerConfirmedExclusions.0');
  });

  it('is for the service desk, finance and logistics', async () => {
    for (const role of ['admin', 'manager', 'agent', 'engineer', 'finance', 'logistics'] as const)
      expect((await judge(body(), role)).statusCode, role).toBe(200);
    expect((await judge(body(), 'quality')).statusCode).toBe(403);
  });
});
