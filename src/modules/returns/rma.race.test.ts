import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { rmaApi } from '../../../test/helpers/rma';
import { detectBreaches, detectWarnings } from '../sla/breach.service';

// Races PostgreSQL really runs in parallel (PGlite has one connection): every RMA writer locks the
// ticket, then the RMA (rma-write.ts), so two reviewers approving one request at once end with one
// approval, one RMA number, one clock and one message to the customer — never two, never a 5xx.
const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
let t: TestApp;
let api: ReturnType<typeof rmaApi>;
beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  api = rmaApi(t);
}, 60_000);
afterAll(async () => t?.close());

describe.skipIf(!onPostgres)('RMA races on PostgreSQL', () => {
  it('two approvals of one request at once: exactly one wins', async () => {
    const created = await Promise.all(Array.from({ length: 6 }, () => api.create()));
    for (const { ticket, rma } of created) {
      const [a, b] = await Promise.all([
        api.call('manager', 'POST', `/rmas/${rma.id}/review`, { decision: 'approve', returnAddress: '上海仓 A' }),
        api.call('agent', 'POST', `/rmas/${rma.id}/review`, { decision: 'approve', returnAddress: '上海仓 B' }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const now = await api.ok('agent', 'GET', `/rmas/${rma.id}`);
      expect(now.status).toBe('approved');
      expect(now.review.returnAddress).toBe((a.statusCode === 200 ? a : b).json().review.returnAddress);
      expect(now.clocks.filter((c: { target: string }) => c.target === 'returnShipment')).toHaveLength(1);
      const events = (await api.ok('agent', 'GET', `/tickets/${ticket.id}/events`)).items as { type: string; data: { after?: { status?: string } } }[];
      expect(events.filter((e) => e.type === 'rma_status_changed' && e.data.after?.status === 'approved')).toHaveLength(1);
    }
    await t.workers.runOnce();
    for (const { ticket } of created) {
      const events = (await api.ok('agent', 'GET', `/tickets/${ticket.id}/events`)).items as { type: string; body: string | null }[];
      expect(events.filter((e) => e.type === 'customer_notice' && e.body?.includes('已通过'))).toHaveLength(1);
    }
  });

  it('approval racing a cancellation: one consistent outcome', async () => {
    const created = await Promise.all(Array.from({ length: 6 }, () => api.create()));
    for (const { rma } of created) {
      const [approve, cancel] = await Promise.all([
        api.call('manager', 'POST', `/rmas/${rma.id}/review`, { decision: 'approve', returnAddress: '上海仓' }),
        api.call('agent', 'POST', `/rmas/${rma.id}/cancel`, { reason: '客户撤回申请', attribution: 'customer_cause' }),
      ]);
      expect([approve.statusCode, cancel.statusCode]).toContain(200);
      const now = await api.ok('agent', 'GET', `/rmas/${rma.id}`);
      // Cancelling an approved RMA is allowed too: both may succeed, in that order only.
      if (approve.statusCode === 200 && cancel.statusCode === 200) expect(now.status).toBe('cancelled');
      else expect(now.status).toBe(approve.statusCode === 200 ? 'approved' : 'cancelled');
    }
  });

  it('reviews of overdue requests while two breach sweeps run: no deadlock, every RMA breach recorded once', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, () => api.create()));
    t.clock.advance(13 * 3_600_000); // past the 12 h review promise
    await t.refreshSessions();
    const sweep = async () => {
      const errors: string[] = [];
      for (let i = 0; i < 6; i++) await Promise.all([detectBreaches(t.ctx, 5), detectWarnings(t.ctx, 5)]).catch((e: Error) => errors.push(e.message));
      return errors;
    };
    const [reviews, a, b] = await Promise.all([
      Promise.all(created.map(({ rma }) => api.call('manager', 'POST', `/rmas/${rma.id}/review`, { decision: 'approve', returnAddress: '上海仓' }))),
      sweep(),
      sweep(),
    ]);
    expect([...a, ...b]).toEqual([]);
    expect(reviews.map((r) => r.statusCode)).toEqual(created.map(() => 200));
    for (const { rma } of created) {
      const now = await api.ok('agent', 'GET', `/rmas/${rma.id}`);
      // Met late: the review clock stays breached (the on-time rate counts it as missed).
      expect(now.clocks.find((c: { target: string }) => c.target === 'returnReview')).toMatchObject({ status: 'breached' });
      // The breach is on the RMA's own chain, once, whether the sweep or the late approval recorded it.
      const rows = await t.ctx.database.exec(
        `select count(*)::int as n from events where subject_type = 'rma' and subject_id = '${rma.id}' and type = 'sla_breached'`,
      );
      expect(Number(rows.rows[0]!.n)).toBe(1);
    }
  });
});
