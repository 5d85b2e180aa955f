import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';

// Races that PostgreSQL really runs in parallel (PGlite has one connection, so there they would only
// queue): every repair writer locks the ticket, then the repair (repair-write.ts), so an approval and
// a start of work, an accept and a refusal, or several grabs of one pooled order end in exactly one
// consistent outcome — never work without approval, never two engineers, never a deadlock or a 5xx.

const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
let t: TestApp;
let api: ReturnType<typeof repairApi>;
beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  api = repairApi(t);
}, 60_000);
afterAll(async () => t?.close());

async function quoted() {
  const { ticket } = await api.ticketWithUnit();
  const r = await api.create(ticket.id);
  await api.diagnose(r.id);
  await api.quote(r.id);
  return r as { id: string };
}

describe.skipIf(!onPostgres)('repair races on PostgreSQL', () => {
  it('approval racing start of work: work starts only on an approved quote, whatever the order', async () => {
    const repairs = await Promise.all(Array.from({ length: 8 }, quoted));
    const results = await Promise.all(
      repairs.map(async (r) => {
        const [approval, start] = await Promise.all([
          api.call('agent', 'POST', `/repairs/${r.id}/approval`, { method: 'portal', approverName: '张三', decision: 'approve', quoteVersion: 1 }),
          api.move(r.id, 'in_repair'),
        ]);
        return { r, approval: approval.statusCode, start: start.statusCode };
      }),
    );
    for (const { r, approval, start } of results) {
      expect(approval).toBe(200);
      expect([200, 409]).toContain(start);
      const now = await api.ok('agent', 'GET', `/repairs/${r.id}`);
      expect(now.status).toBe(start === 200 ? 'in_repair' : 'approved');
      expect(now.quote.approvedVersion).toBe(now.quote.version);
    }
  });

  it('a quote change racing start of work: never work on a quote the customer did not approve', async () => {
    const repairs = await Promise.all(Array.from({ length: 6 }, quoted));
    for (const r of repairs) await api.approve(r.id, 1);
    await Promise.all(
      repairs.map(async (r) => {
        const [requote, start] = await Promise.all([
          api.call('engineer', 'PUT', `/repairs/${r.id}/quote`, {
            plan: '追加板卡维修',
            lines: [{ kind: 'labour', code: 'L-BOARD', name: '板卡级维修', unitPriceFen: 20000, quantity: 1, free: true }],
          }),
          api.move(r.id, 'in_repair'),
        ]);
        expect(requote.statusCode).toBe(200);
        expect([200, 409]).toContain(start.statusCode);
        const now = await api.ok('agent', 'GET', `/repairs/${r.id}`);
        // Whichever ran second, the order now waits for approval of version 2 and no work runs on it.
        expect(now).toMatchObject({ status: 'awaiting_approval', quote: { version: 2, approvedVersion: 1 } });
      }),
    );
  });

  it('accept racing refuse of one dispatch: exactly one wins', async () => {
    const repairs = await Promise.all(Array.from({ length: 6 }, quoted));
    for (const r of repairs) await api.ok('agent', 'POST', `/repairs/${r.id}/dispatch`, { engineerId: t.users.engineer.id });
    await Promise.all(
      repairs.map(async (r) => {
        const [accept, refuse] = await Promise.all([
          api.call('engineer', 'POST', `/repairs/${r.id}/accept`),
          api.call('engineer', 'POST', `/repairs/${r.id}/refuse`, { reason: '临时有事' }),
        ]);
        expect([accept.statusCode, refuse.statusCode].sort()).toEqual([200, 409]);
        const now = await api.ok('agent', 'GET', `/repairs/${r.id}`);
        expect(now.dispatch.state).toBe(accept.statusCode === 200 ? 'accepted' : 'none');
      }),
    );
  });

  it('抢单: several engineers grab one pooled order at once; exactly one gets it', async () => {
    const engineers = await Promise.all(Array.from({ length: 5 }, (_, i) => t.addUser(`grab-${i}-${Date.now()}`, 'engineer')));
    const repairs = await Promise.all(Array.from({ length: 4 }, quoted));
    for (const r of repairs) await api.ok('manager', 'POST', `/repairs/${r.id}/pool`);
    for (const r of repairs) {
      const grabs = await Promise.all(
        engineers.map((e) => t.app.inject({ method: 'POST', url: `/api/v1/repairs/${r.id}/grab`, headers: { cookie: e.cookie } })),
      );
      const codes = grabs.map((g) => g.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(engineers.length - 1);
      const winner = engineers[codes.indexOf(200)]!;
      expect((await api.ok('agent', 'GET', `/repairs/${r.id}`)).dispatch).toMatchObject({ state: 'accepted', engineer: { id: winner.id } });
    }
    expect((await api.ok('agent', 'GET', '/repairs/pool')).items.filter((x: { id: string }) => repairs.some((r) => r.id === x.id))).toEqual([]);
  });
});
