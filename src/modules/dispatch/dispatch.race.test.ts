import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { repairApi } from '../../../test/helpers/repairs';
import { makeSerialUnit, makeTicket } from '../../../test/factories';
import { deliverOutbox } from '../../jobs/outbox';

// Races PostgreSQL really runs in parallel: the board's dispatch locks the ticket, then the order
// (repair-write.ts) and checks the version the dispatcher saw under the locks, so two managers
// dispatching one order at once end with exactly one winner; an automatic dispatch racing a person's
// leaves the person's choice or its own, never both and never a 5xx or a deadlock.

const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
let t: TestApp;
let api: ReturnType<typeof repairApi>;
let a: string;
let b: string;
beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  api = repairApi(t);
  a = (await t.addUser('race-a', 'engineer', '华东服务组')).id;
  b = (await t.addUser('race-b', 'engineer', '华东服务组')).id;
  const skills = { categories: ['电子类'], models: [], faultCategories: [], certifications: [], regions: ['华东'], capacity: 50 };
  await api.ok('manager', 'PUT', `/dispatch/engineers/${a}`, skills);
  await api.ok('manager', 'PUT', `/dispatch/engineers/${b}`, skills);
}, 60_000);
afterAll(async () => t?.close());

async function order(team?: string) {
  const unit = await makeSerialUnit(t);
  const ticket = await makeTicket(t, { serialUnitId: unit.id, ...(team ? { team } : {}) });
  return (await api.create(ticket.id)) as { id: string; version: number };
}

describe.skipIf(!onPostgres)('dispatch races on PostgreSQL', () => {
  it('two managers dispatch the same order at once: exactly one wins, the other gets 409', async () => {
    const orders = await Promise.all(Array.from({ length: 6 }, () => order()));
    const results = await Promise.all(
      orders.map(async (r) => {
        const [x, y] = await Promise.all([
          api.call('manager', 'POST', `/dispatch/repairs/${r.id}/assign`, { engineerId: a, version: r.version }),
          api.call('admin', 'POST', `/dispatch/repairs/${r.id}/assign`, { engineerId: b, version: r.version }),
        ]);
        return { r, codes: [x.statusCode, y.statusCode].sort() };
      }),
    );
    for (const { r, codes } of results) {
      expect(codes).toEqual([200, 409]);
      const after = (await api.ok('agent', 'GET', `/repairs/${r.id}`)) as { version: number; dispatch: { state: string } };
      expect(after).toMatchObject({ version: r.version + 1, dispatch: { state: 'offered' } });
    }
  });

  it('automatic dispatch racing a manager: one dispatch, no error left in the outbox', async () => {
    await api.ok('manager', 'PUT', '/dispatch/team-modes', { team: '抢先组', mode: 'auto' });
    const orders = await Promise.all(Array.from({ length: 5 }, () => order('抢先组')));
    const [manual] = await Promise.all([
      Promise.all(orders.map((r) => api.call('manager', 'POST', `/dispatch/repairs/${r.id}/assign`, { engineerId: b, version: r.version }))),
      (async () => {
        while ((await deliverOutbox(t.ctx, t.modules.outbox)) > 0);
      })(),
    ]);
    while ((await deliverOutbox(t.ctx, t.modules.outbox)) > 0);
    for (const [i, r] of orders.entries()) {
      const after = (await api.ok('agent', 'GET', `/repairs/${r.id}`)) as { version: number; dispatch: { state: string; engineer: { id: string } } };
      expect(after.dispatch.state).toBe('offered');
      expect(after.version).toBe(r.version + 1);
      // The manager's dispatch either won (200, engineer b) or came second (409) after the rules chose.
      if (manual[i]!.statusCode === 200) expect(after.dispatch.engineer.id).toBe(b);
      else expect(manual[i]!.statusCode).toBe(409);
    }
    const failed = await t.ctx.database.exec(
      `select count(*)::int as n from outbox where topic = 'repair.opened' and (last_error is not null or delivered_at is null)`,
    );
    expect(Number(failed.rows[0]!.n)).toBe(0);
  });
});
