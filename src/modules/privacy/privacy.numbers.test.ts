import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer } from '../../../test/factories';
import { localDate } from '../../domain/shared/local-date';

// A request's number is GR + the day + four characters drawn from its id: a busy day draws a taken
// one now and then. Found by the hostile-input test as a 500 (a unique violation) on registration.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('privacy request numbers', () => {
  it('a request whose drawn number is taken gets another; none is refused', async () => {
    const customer = await makeCustomer(t);
    const day = localDate(t.clock.now()).replaceAll('-', '');
    // Half of today's 65,536 numbers taken: without a second draw every other registration failed.
    await t.ctx.database.exec(`
      insert into privacy_requests (id, number, customer_id, kind, status, channel, received_at, updated_at)
      select gen_random_uuid(), 'GR${day}' || upper(lpad(to_hex(n), 4, '0')), '${customer.id}', 'access', 'done', '电话', now(), now()
        from generate_series(0, 65535, 2) n`);
    const numbers: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.as('manager', {
        method: 'POST',
        url: '/api/v1/privacy/requests',
        payload: { customerId: customer.id, kind: 'access', channel: '电话' },
      });
      expect(res.statusCode, res.body).toBe(201);
      numbers.push(res.json().number as string);
    }
    expect(new Set(numbers).size).toBe(12);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^GR${day}[0-9A-F]{4}$`));
  });
});
