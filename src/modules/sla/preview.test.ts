import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import type { AppContext } from '../../context';
import { AppError } from '../../domain/shared/errors';
import { previewDueTimes } from './preview';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** A pool whose reads fail, as during a database outage. */
const failingReads = (ctx: AppContext): AppContext => ({
  ...ctx,
  db: new Proxy(ctx.db, {
    get: (target, prop, receiver) =>
      prop === 'select'
        ? () => {
            throw new Error('Connection terminated unexpectedly');
          }
        : Reflect.get(target, prop, receiver),
  }),
});

describe('SLA preview', () => {
  it('answers a policy or customer that does not exist with a field error', async () => {
    const body = { requestType: 'repair', priority: 'urgent', startAt: '2026-11-20T10:00:00+08:00' };
    const policy = await t.as('agent', { method: 'POST', url: '/api/v1/sla/preview', payload: { ...body, policyId: randomUUID() } });
    expect(policy.statusCode).toBeGreaterThanOrEqual(400);
    expect(policy.statusCode).toBeLessThan(500);
    expect(policy.json().error.issues).toEqual([expect.objectContaining({ path: 'policyId', code: 'not_found' })]);
    const customer = await t.as('agent', { method: 'POST', url: '/api/v1/sla/preview', payload: { ...body, customerId: randomUUID() } });
    expect(customer.json().error.issues).toEqual([expect.objectContaining({ path: 'customerId', code: 'not_found' })]);
  });

  it('lets a database failure through as such, never as "no such policy" or "no such customer"', async () => {
    const input = { requestType: 'repair', priority: 'urgent', startAt: '2026-11-20T10:00:00+08:00' } as const;
    for (const extra of [{ policyId: randomUUID() }, { customerId: randomUUID() }]) {
      const err = await previewDueTimes(failingReads(t.ctx), { ...input, ...extra }).catch((e: unknown) => e);
      expect(err).not.toBeInstanceOf(AppError);
      expect(String(err)).toContain('Connection terminated');
    }
  });
});
