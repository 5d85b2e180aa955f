import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { rmaApi } from '../../../test/helpers/rma';

// 工单取消 A cancelled ticket cancels its RMAs that have not shipped, and their clocks; goods already on
// their way keep the ticket open. On PostgreSQL, a cancellation racing an approval never deadlocks.
const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
let t: TestApp;
let api: ReturnType<typeof rmaApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = rmaApi(t);
}, 60_000);
afterAll(async () => t?.close());

const cancelTicket = (ticketId: string, role: 'agent' | 'manager' = 'agent') =>
  api.call(role, 'POST', `/tickets/${ticketId}/transitions`, { to: 'cancelled', reason: '客户撤回请求' });
type Clock = { target: string; status: string };

describe('cancelling a ticket with RMAs', () => {
  it('cancels its requested and approved RMAs with the reason and attribution, and ends their clocks', async () => {
    const { ticket, rma: requested } = await api.create();
    const second = await api.ok('agent', 'POST', `/tickets/${ticket.id}/rmas`, api.request());
    await api.approve(second.id);
    const res = await cancelTicket(ticket.id);
    expect(res.statusCode, res.body).toBe(200);
    for (const id of [requested.id, second.id]) {
      const r = await api.ok('manager', 'GET', `/rmas/${id}`);
      expect(r).toMatchObject({ status: 'cancelled', open: false, endReason: '工单已取消：客户撤回请求', attribution: 'customer_cause' });
      expect(r.clocks.length).toBeGreaterThan(0);
      expect(r.clocks.filter((c: Clock) => c.status === 'running')).toEqual([]);
    }
    const events = (await api.ok('manager', 'GET', `/tickets/${ticket.id}/events`)).items as { type: string; data: { after?: { status?: string } } }[];
    expect(events.filter((e) => e.type === 'rma_status_changed' && e.data.after?.status === 'cancelled')).toHaveLength(2);
    // Not in the logistics list any more.
    const queue = (await api.ok('logistics', 'GET', '/logistics/returns')).items as { id: string }[];
    expect(queue.some((x) => x.id === second.id)).toBe(false);
  });

  it('refuses while goods are on their way, changing nothing', async () => {
    const { ticket, rma } = await api.create();
    await api.approve(rma.id);
    await api.shipped(rma.id);
    const res = await cancelTicket(ticket.id, 'manager');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.details.openRmas).toEqual([rma.number]);
    expect((await api.ok('agent', 'GET', `/tickets/${ticket.id}`)).status).not.toBe('cancelled');
    expect((await api.ok('agent', 'GET', `/rmas/${rma.id}`)).status).toBe('in_transit');
  });

  it.skipIf(!onPostgres)('a cancellation racing approvals and a shipment: no deadlock, no 5xx, every RMA ends consistent', async () => {
    const created = await Promise.all(Array.from({ length: 5 }, () => api.create()));
    for (const { ticket, rma } of created) {
      const [cancel, approve] = await Promise.all([
        cancelTicket(ticket.id),
        api.call('manager', 'POST', `/rmas/${rma.id}/review`, { decision: 'approve', returnAddress: '上海仓' }),
      ]);
      expect(cancel.statusCode, cancel.body).toBe(200);
      expect([200, 409]).toContain(approve.statusCode);
      const r = await api.ok('agent', 'GET', `/rmas/${rma.id}`);
      expect(r.status).toBe('cancelled');
      expect(r.clocks.filter((c: Clock) => c.status === 'running')).toEqual([]);
    }
  });
});
