// Test set-up through the HTTP API, like a client's (shared by the parts test files; not a test itself).
import { expect } from 'vitest';
import type { TestApp } from '../../../test/helpers/app';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

export async function makePart(t: TestApp, overrides: Record<string, unknown> = {}) {
  const res = await t.as('logistics', {
    method: 'POST',
    url: '/api/v1/parts',
    payload: { partNumber: `P-${uniq()}`, name: '电源模块 PSU-24V', unitPriceFen: 12800, lowStockThreshold: 0, ...overrides },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; partNumber: string; unitPriceFen: number };
}

export async function makeWarehouse(t: TestApp, overrides: Record<string, unknown> = {}) {
  const res = await t.as('logistics', {
    method: 'POST',
    url: '/api/v1/warehouses',
    payload: { code: `WH-${uniq()}`, name: '上海中心库', kind: 'central', ...overrides },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string; kind: string };
}

export async function receive(t: TestApp, warehouseId: string, partId: string, quantity: number) {
  const res = await t.as('logistics', { method: 'POST', url: '/api/v1/stock/receipts', payload: { warehouseId, partId, quantity, reason: '采购入库' } });
  expect(res.statusCode, res.body).toBe(201);
}

export async function level(t: TestApp, warehouseId: string, partId: string) {
  const res = await t.as('logistics', { method: 'GET', url: `/api/v1/stock?warehouseId=${warehouseId}&partId=${partId}` });
  expect(res.statusCode, res.body).toBe(200);
  const item = (res.json() as { items: { onHand: number; reserved: number; available: number; low: boolean }[] }).items[0];
  return item ?? { onHand: 0, reserved: 0, available: 0, low: false };
}

export async function movementCount(t: TestApp, partId: string) {
  const res = await t.as('logistics', { method: 'GET', url: `/api/v1/stock/movements?partId=${partId}&limit=200` });
  return (res.json() as { total: number }).total;
}
