import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { rmaApi } from '../../../test/helpers/rma';

// Concurrent approvals and payments of one refund on PostgreSQL: the writers lock the ticket, then the
// refund (refund-write.ts), so a refund is approved once and paid once, with one reference, one event
// and one message to the customer.
const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
let t: TestApp;
let api: ReturnType<typeof rmaApi>;
beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  api = rmaApi(t);
}, 60_000);
afterAll(async () => t?.close());

describe.skipIf(!onPostgres)('refund races on PostgreSQL', () => {
  it('concurrent approvals and payments of the same refund pay it once', async () => {
    const made = await Promise.all(Array.from({ length: 4 }, () => api.refunded()));
    for (const { ticket, refundId } of made) {
      const approvals = await Promise.all([1, 2, 3].map(() => api.call('finance', 'POST', `/refunds/${refundId}/approve`)));
      expect(approvals.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
      const payments = await Promise.all(['A', 'B', 'C'].map((ref) => api.call('finance', 'POST', `/refunds/${refundId}/pay`, { reference: `BANK-${ref}` })));
      const codes = payments.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(2);
      const winner = payments[codes.indexOf(200)]!.json().reference;
      expect((await api.ok('finance', 'GET', `/refunds/${refundId}`)).reference).toBe(winner);
      const events = (await api.ok('agent', 'GET', `/tickets/${ticket.id}/events`)).items as { type: string }[];
      expect(events.filter((e) => e.type === 'refund_paid')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'refund_approved')).toHaveLength(1);
    }
  });
});
