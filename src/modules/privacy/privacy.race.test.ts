import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer, makeTicket } from '../../../test/factories';
import { detectBreaches, detectWarnings } from '../sla/breach.service';

// The erasure writer against the SLA sweeps and ticket writers on PostgreSQL (PGlite would only
// queue them). Erasure locks customer → request → the customer's tickets (src/db/lock-order.ts);
// the sweeps lock a privacy_request through its locker (customer, then request) before tickets and
// skip what is held. Whatever the interleaving: no deadlock, no 5xx, every clock settled once.

const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
let t: TestApp;
beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
}, 60_000);
afterAll(async () => t?.close());

const call = (role: Parameters<TestApp['as']>[0], method: string, url: string, payload?: unknown) =>
  t.as(role, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

describe.skipIf(!onPostgres)('privacy erasure races on PostgreSQL', () => {
  it('erasures racing the breach and warning sweeps and replies on the same tickets: all done, chains verify', async () => {
    t.clock.set('2026-11-02T02:00:00.000Z');
    await t.refreshSessions();
    const cases = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const customer = await makeCustomer(t, { kind: 'person', name: '赵六' });
        const tickets = await Promise.all([makeTicket(t, { customerId: customer.id }), makeTicket(t, { customerId: customer.id })]);
        const req = (await call('manager', 'POST', '/privacy/requests', { customerId: customer.id, kind: 'erasure', channel: '电话' })).json();
        expect((await call('manager', 'POST', `/privacy/requests/${req.id}/transition`, { to: 'verified' })).statusCode).toBe(200);
        return { customer, tickets, req };
      }),
    );
    // Past the 15-working-day answer and every ticket clock: the sweeps have work on all of them.
    t.clock.set('2026-12-01T02:00:00.000Z');
    await t.refreshSessions();
    const results = await Promise.all([
      ...cases.map((c) => call('manager', 'POST', `/privacy/requests/${c.req.id}/transition`, { to: 'done' })),
      ...cases.flatMap((c) =>
        c.tickets.map((tk) => call('engineer', 'POST', `/tickets/${tk.id}/events`, { type: 'public_reply', body: '您好，工程师正在处理。' })),
      ),
      detectBreaches(t.ctx),
      detectWarnings(t.ctx),
      detectBreaches(t.ctx),
    ]);
    for (const r of results) if (typeof r === 'object') expect(r.statusCode, r.body).toBeLessThan(300);
    await detectBreaches(t.ctx);
    for (const c of cases) {
      const req = (await call('manager', 'GET', `/privacy/requests/${c.req.id}`)).json();
      expect(req.status).toBe('done');
      // Answered late: the clock stopped once, as a breach.
      expect(req.due.stoppedAt).not.toBeNull();
    }
    expect((await call('admin', 'POST', '/audit/verify')).json().firstBreak).toBeNull();
  }, 120_000);
});
