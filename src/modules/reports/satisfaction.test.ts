import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { followupApi } from '../../../test/helpers/followups';

// 满意度 on the dashboard comes from the follow-up visits (004 §二(五)): each ticket counts with the
// customer's settled rating — after a dedicated follow-up, that one's, not the first unhappy answer.
let t: TestApp;
let api: ReturnType<typeof followupApi>;
beforeAll(async () => {
  t = await createTestApp();
  api = followupApi(t);
}, 60_000);
afterAll(async () => t?.close());

const HOUR = 3_600_000;

describe('satisfaction figures', () => {
  it('are the settled ratings of the period’s tickets: a 5, and a 3 made good by a dedicated follow-up rated 4', async () => {
    t.clock.set('2026-08-03T02:00:00.000Z'); // a Monday in a month no other test uses
    // The figures follow each change through the outbox (reports.hooks.ts): delivered first.
    const kpi = async () => {
      await t.workers.runOnce();
      return (await api.ok('manager', 'GET', '/reports/kpi?from=2026-08-01&to=2026-08-31')) as {
        tickets: number;
        satisfactionMean: number | null;
        satisfactionDistribution: { score: number; count: number }[];
      };
    };
    const happy = await api.resolvedTicket();
    const unhappy = await api.resolvedTicket();
    expect((await kpi()).satisfactionMean).toBeNull();

    t.clock.advance(26 * HOUR);
    const [first] = await api.tasksOf(happy.id);
    await api.ok('agent', 'POST', `/followups/${first!.id}/calls`, { outcome: 'reached', rating: 5, comments: '很满意' });
    expect(await api.ticketStatus(happy.id)).toBe('followed_up');
    expect(await kpi()).toMatchObject({ tickets: 2, satisfactionMean: 5, satisfactionDistribution: [{ score: 5, count: 1 }] });

    const [second] = await api.tasksOf(unhappy.id);
    const low = await api.ok('agent', 'POST', `/followups/${second!.id}/calls`, { outcome: 'reached', rating: 3, comments: '等太久' });
    // Not settled yet: the dedicated follow-up is open, the ticket still resolved.
    expect((await kpi()).satisfactionMean).toBe(5);
    await api.ok('agent', 'POST', `/followups/${low.dedicated.id}/calls`, { outcome: 'reached', rating: 4, comments: '已解决' });
    expect(await api.ticketStatus(unhappy.id)).toBe('followed_up');
    expect(await kpi()).toMatchObject({
      satisfactionMean: 4.5,
      satisfactionDistribution: [
        { score: 4, count: 1 },
        { score: 5, count: 1 },
      ],
    });
  });
});
