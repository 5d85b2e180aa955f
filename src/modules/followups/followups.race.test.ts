import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../context';
import { deliverOutbox } from '../../jobs/outbox';
import { makeCustomer } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { followupApi } from '../../../test/helpers/followups';
import { detectBreaches, detectWarnings } from '../sla/breach.service';

// The new writers against the SLA sweeps on PostgreSQL (test/lock-order.test.ts style): recording a
// follow-up call locks ticket → task → clocks → chain, and the sweep locks the same subject through
// the `followup` subject's locker (ticket first) with SKIP LOCKED; a complaint writer and the sweep
// meet on the complaint row. No deadlock, no 5xx, every breach recorded exactly once.

const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
let t: TestApp;
let api: ReturnType<typeof followupApi>;
beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  api = followupApi(t);
}, 60_000);
afterAll(async () => t?.close());

function sweepWhile(ctx: AppContext, until: Promise<unknown>): Promise<string[]> {
  let done = false;
  const stop = () => {
    done = true;
  };
  void until.then(stop, stop);
  return (async () => {
    const errors: string[] = [];
    while (!done) {
      try {
        const found = (await detectBreaches(ctx, 3)) + (await detectWarnings(ctx, 3)) + (await deliverOutbox(ctx, t.modules.outbox, 5));
        if (!found) await new Promise((r) => setTimeout(r, 5));
      } catch (err) {
        errors.push(String((err as { cause?: unknown }).cause ?? err));
      }
    }
    return errors;
  })();
}

/** Each breached clock of these subjects has exactly one `sla_breached` event on the subject's chain. */
async function breachesOnce(subjectType: string, ids: string[]) {
  const res = await t.ctx.database.exec(`
    select c.subject_id, c.target, c.status,
      (select count(*)::int from events e where e.subject_type = c.subject_type and e.subject_id = c.subject_id
        and e.type = 'sla_breached' and e.data->>'target' = c.target) as n
    from sla_clocks c where c.subject_type = '${subjectType}' and c.subject_id = any('{${ids.join(',')}}'::uuid[])`);
  const rows = res.rows as { status: string; n: number }[];
  for (const r of rows) expect(r.n).toBe(r.status === 'breached' ? 1 : 0);
  return rows;
}

describe.skipIf(!onPostgres)('follow-up and complaint writers racing the SLA sweeps on PostgreSQL', () => {
  it('20 overdue follow-ups called (half rated 3, opening dedicated ones) while two sweeps run', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const tickets = [];
    for (let i = 0; i < 20; i++) tickets.push(await api.resolvedTicket('urgent'));
    const tasks = (await Promise.all(tickets.map((x) => api.tasksOf(x.id)))).map((l) => l[0]!);
    t.clock.advance(13 * 3_600_000); // past the 12 h urgent follow-up
    const calls = Promise.all(
      tasks.map((task, i) =>
        api.call('agent', 'POST', `/followups/${task.id}/calls`, { outcome: 'reached', rating: i % 2 ? 3 : 5, comments: '回访' }).then((r) => r.statusCode),
      ),
    );
    const sweeps = await Promise.all([sweepWhile(t.ctx, calls), sweepWhile(t.ctx, calls)]);
    expect(await calls).toEqual(tasks.map(() => 200));
    expect(sweeps.flat()).toEqual([]);
    while ((await detectBreaches(t.ctx)) > 0) {
      // drain
    }
    const rows = await breachesOnce(
      'followup',
      tasks.map((x) => x.id),
    );
    expect(rows.filter((r) => r.status === 'breached')).toHaveLength(20);
    const statuses = await Promise.all(tickets.map((x) => api.ticketStatus(x.id)));
    expect(statuses.filter((s) => s === 'followed_up')).toHaveLength(10);
  });

  it('20 complaints contacted late and graded while two sweeps run', async () => {
    t.clock.set('2026-11-23T02:00:00.000Z');
    const customer = await makeCustomer(t);
    const list: { id: string }[] = [];
    for (let i = 0; i < 20; i++) list.push(await api.ok('agent', 'POST', '/complaints', { customerId: customer.id, description: `投诉 ${i}` }));
    t.clock.advance(2 * 3_600_000); // past the 1 h contact promise
    const work = Promise.all(
      list.map(async (c) => {
        const a = await api.call('agent', 'POST', `/complaints/${c.id}/contact`, { contactNote: '已告知流程和预计时间' });
        const b = await api.call('agent', 'POST', `/complaints/${c.id}/grade`, { grade: 'complex', gradeReason: '需质量部门分析' });
        return [a.statusCode, b.statusCode];
      }),
    );
    const sweeps = await Promise.all([sweepWhile(t.ctx, work), sweepWhile(t.ctx, work)]);
    expect((await work).flat()).toEqual(list.flatMap(() => [200, 200]));
    expect(sweeps.flat()).toEqual([]);
    const rows = await breachesOnce(
      'complaint',
      list.map((c) => c.id),
    );
    expect(rows.filter((r) => r.status === 'breached')).toHaveLength(20);
  });
});
