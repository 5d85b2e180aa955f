import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeProductModel, makeSerialUnit } from '../../../test/factories';
import { listEvents } from '../audit/audit.service';
import { recordUnitExchangeIn, recordUnitRepairIn, unitServiceHistory, unitWarrantyFacts } from './service-history';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('a unit’s service history (维修/换货记录) as other modules record it', () => {
  it('records inside the caller’s transaction, refuses the same repair order twice, and rolls back with it', async () => {
    const unit = await makeSerialUnit(t, { purchaseDate: '2026-01-10' });
    const ref = 'RO-20260301-001';
    await t.ctx.db.transaction((tx) =>
      recordUnitRepairIn(tx, t.ctx, unit.id, { from: '2026-03-01', to: '2026-03-04', source: 'repair', sourceRef: ref }, SYSTEM_ACTOR),
    );
    await expect(
      t.ctx.db.transaction((tx) =>
        recordUnitRepairIn(tx, t.ctx, unit.id, { from: '2026-03-01', to: '2026-03-04', source: 'repair', sourceRef: ref }, SYSTEM_ACTOR),
      ),
    ).rejects.toBeInstanceOf(AppError);
    // the caller's transaction fails after recording: nothing stays
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await recordUnitExchangeIn(tx, t.ctx, unit.id, { on: '2026-04-01', source: 'repair', sourceRef: 'RO-2' }, SYSTEM_ACTOR);
        throw new Error('the repair order failed to save');
      }),
    ).rejects.toThrow('failed to save');
    expect(await unitServiceHistory(t.ctx.db, unit.id)).toMatchObject([
      { kind: 'repair', from: '2026-03-01', to: '2026-03-04', source: 'repair', sourceRef: ref },
    ]);
    const events = await listEvents(t.ctx.db, 'serial_unit', unit.id, { includeInternal: true });
    expect(events.map((e) => e.type).filter((ty) => ty.startsWith('serial_unit_'))).toEqual(['serial_unit_created', 'serial_unit_repair_recorded']);
  });

  it('gives the warranty decision the model period, dates, history and main parts', async () => {
    const model = await makeProductModel(t, { warrantyMonths: 12, customMade: true });
    const unit = await makeSerialUnit(t, { productModelId: model.id, purchaseDate: '2026-02-01', deliveredAt: '2026-02-05' });
    await t.as('admin', { method: 'PUT', url: `/api/v1/product-models/${model.id}/main-parts`, payload: { parts: [{ name: '主板', warrantyMonths: 24 }] } });
    await t.as('agent', {
      method: 'POST',
      url: `/api/v1/serial-units/${unit.id}/repairs`,
      payload: { from: '2026-05-01', to: '2026-05-03', partsWaiting: { from: '2026-04-20', to: '2026-04-28' } },
    });
    await t.as('agent', { method: 'POST', url: `/api/v1/serial-units/${unit.id}/exchanges`, payload: { on: '2026-06-01' } });
    expect((await unitWarrantyFacts(t.ctx.db, unit.id)).unit).toEqual({
      warrantyMonths: 12,
      purchaseDate: '2026-02-01',
      deliveryDate: '2026-02-05',
      customMade: true,
      repairs: [{ from: '2026-05-01', to: '2026-05-03', partsWaiting: { from: '2026-04-20', to: '2026-04-28' } }],
      exchanges: [{ on: '2026-06-01' }],
      mainParts: [{ name: '主板', warrantyMonths: 24 }],
    });
  });

  it('main parts: a part listed twice is refused; quality may set them, an agent may not', async () => {
    const model = await makeProductModel(t);
    const put = (role: 'quality' | 'agent', parts: unknown) =>
      t.as(role, { method: 'PUT', url: `/api/v1/product-models/${model.id}/main-parts`, payload: { parts } });
    expect(
      (
        await put('quality', [
          { name: '主板', warrantyMonths: 24 },
          { name: '主板', warrantyMonths: 36 },
        ])
      ).statusCode,
    ).toBe(400);
    expect((await put('agent', [{ name: '主板', warrantyMonths: 24 }])).statusCode).toBe(403);
    expect((await put('quality', [{ name: '主板', warrantyMonths: 24 }])).json()).toEqual({ parts: [{ name: '主板', warrantyMonths: 24 }] });
    expect((await put('quality', [])).json()).toEqual({ parts: [] });
  });
});
