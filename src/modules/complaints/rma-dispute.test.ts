import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { rmaApi } from '../../../test/helpers/rma';
import { detectBreaches, detectWarnings } from '../sla/breach.service';

// 退换货转争议 (issue 14, RULES.md "Disputes": escalate a complaint or an RMA into a dispute).
let t: TestApp;
let api: ReturnType<typeof rmaApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = rmaApi(t);
}, 60_000);
afterAll(async () => t?.close());

const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
const claim = { reason: '客户不接受拒收结论，要求第三方调解', customerClaim: '外壳破裂为运输所致，要求全额退款' };

describe('an RMA the customer contests becomes a dispute', () => {
  it('opens a dispute in negotiation over a complaint that names the RMA and its ticket; the ticket timeline records it', async () => {
    const { ticket, rma } = await api.create();
    expect(await api.ok('agent', 'GET', `/rmas/${rma.id}/dispute`)).toEqual({ dispute: null });

    const dispute = await api.ok('manager', 'POST', `/rmas/${rma.id}/dispute`, { ...claim, channel: 'phone' });
    expect(dispute).toMatchObject({ status: 'negotiation', reason: claim.reason, customerClaim: claim.customerClaim });
    expect(dispute.number).toMatch(/^ZY\d{8}-/);

    const complaint = await api.ok('agent', 'GET', `/complaints/${dispute.complaintId}`);
    expect(complaint).toMatchObject({ status: 'escalated', rmaIds: [rma.id], ticketIds: [ticket.id], description: claim.customerClaim, channel: 'phone' });
    // The complaint's own clocks end with it: nobody is chased to contact a customer who went to a dispute.
    expect(complaint.clocks.filter((c: { status: string }) => c.status === 'running')).toEqual([]);

    expect((await api.ok('engineer', 'GET', `/rmas/${rma.id}/dispute`)).dispute).toMatchObject({ id: dispute.id, number: dispute.number });
    const events = await api.ok('agent', 'GET', `/tickets/${ticket.id}/events`);
    const disputed = (events.items as { type: string; body: string | null; data: Record<string, unknown> }[]).find((e) => e.type === 'rma_disputed');
    expect(disputed).toMatchObject({ body: claim.reason, data: { disputeNumber: dispute.number, rmaNumber: rma.number } });
    // The RMA itself goes on: the dispute is about it, not a state of it.
    expect((await api.ok('agent', 'GET', `/rmas/${rma.id}`)).status).toBe(rma.status);
  });

  it('refuses a second dispute about the same RMA (409 naming the first), also from two managers at once', async () => {
    const { rma } = await api.create();
    const [a, b] = await Promise.all([
      api.call('manager', 'POST', `/rmas/${rma.id}/dispute`, claim),
      api.call('admin', 'POST', `/rmas/${rma.id}/dispute`, claim),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const first = (a.statusCode === 201 ? a : b).json();
    const refused = (a.statusCode === 409 ? a : b).json();
    expect(refused.error).toMatchObject({ code: 'conflict', details: { disputeId: first.id } });
    expect(refused.error.message).toContain(first.number);
    const again = await api.call('manager', 'POST', `/rmas/${rma.id}/dispute`, claim);
    expect(again.statusCode).toBe(409);
    const list = await api.ok('manager', 'GET', '/complaints?status=escalated&limit=200');
    expect((list.items as { rmaIds: string[] }[]).filter((c) => c.rmaIds.includes(rma.id))).toHaveLength(1);
  });

  it('a complaint about the RMA escalated on its own page counts as the RMA’s dispute', async () => {
    const customer = await makeCustomer(t);
    const { ticket, rma } = await api.create({}, { customerId: customer.id });
    const complaint = await api.ok('agent', 'POST', '/complaints', {
      customerId: customer.id,
      description: '退货审核太慢',
      ticketIds: [ticket.id],
      rmaIds: [rma.id],
    });
    // Escalated straight from 已受理: the customer announced mediation on the first call.
    const dispute = await api.ok('manager', 'POST', `/complaints/${complaint.id}/dispute`, claim);
    expect((await api.ok('agent', 'GET', `/rmas/${rma.id}/dispute`)).dispute.id).toBe(dispute.id);
    expect((await api.call('manager', 'POST', `/rmas/${rma.id}/dispute`, claim)).statusCode).toBe(409);
  });

  it('changes nothing on bad input, an unknown RMA or a role that does not lead disputes', async () => {
    const { rma } = await api.create();
    const before = await api.ok('manager', 'GET', '/complaints?status=all&limit=200');
    const bad = await api.call('manager', 'POST', `/rmas/${rma.id}/dispute`, { reason: '  ', customerClaim: '要求退款', channel: 'fax' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['body.channel', 'body.reason']);
    expect((await api.call('manager', 'POST', '/rmas/00000000-0000-4000-8000-000000000000/dispute', claim)).statusCode).toBe(404);
    expect((await api.call('agent', 'POST', `/rmas/${rma.id}/dispute`, claim)).statusCode).toBe(403);
    expect((await api.ok('manager', 'GET', '/complaints?status=all&limit=200')).items).toHaveLength(before.items.length);
    expect((await api.ok('agent', 'GET', `/rmas/${rma.id}/dispute`)).dispute).toBeNull();
  });

  // Lock order (src/db/lock-order.ts): the escalation holds ticket → RMA, then writes the new complaint,
  // its clocks and chains; reviews take ticket → RMA too, the sweeps skip what is locked.
  it.skipIf(!onPostgres)(
    'escalations and reviews of overdue RMAs while two breach sweeps run on PostgreSQL: no deadlock, nothing refused',
    async () => {
      const created = await Promise.all(Array.from({ length: 8 }, () => api.create()));
      t.clock.advance(13 * 3_600_000); // past the 12 h review promise: the sweeps have RMA clocks to breach
      await t.refreshSessions();
      const sweep = async () => {
        const errors: string[] = [];
        for (let i = 0; i < 6; i++) await Promise.all([detectBreaches(t.ctx, 5), detectWarnings(t.ctx, 5)]).catch((e: Error) => errors.push(e.message));
        return errors;
      };
      const [escalations, reviews, a, b] = await Promise.all([
        Promise.all(created.map(({ rma }) => api.call('manager', 'POST', `/rmas/${rma.id}/dispute`, claim))),
        Promise.all(created.map(({ rma }) => api.call('admin', 'POST', `/rmas/${rma.id}/review`, { decision: 'approve', returnAddress: '上海仓' }))),
        sweep(),
        sweep(),
      ]);
      expect([...a, ...b]).toEqual([]);
      expect(escalations.map((r) => r.statusCode)).toEqual(created.map(() => 201));
      expect(reviews.map((r) => r.statusCode)).toEqual(created.map(() => 200));
      for (const { rma } of created) expect((await api.ok('agent', 'GET', `/rmas/${rma.id}/dispute`)).dispute.status).toBe('negotiation');
    },
    120_000,
  );
});
