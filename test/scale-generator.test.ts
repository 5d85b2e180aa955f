import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../src/jobs/outbox';
import { verifyAuditTrail } from '../src/modules/audit/audit.verify';
import { generateScaleData, type GenerateReport } from '../src/seed/scale/generate';
import { createTestApp, type TestApp } from './helpers/app';

// `npm run cli -- generate` at a small size: what it writes must be what the app itself would have
// written, so the queue lists it, a ticket opens, its audit chain verifies, search finds the fault
// words and a caller's phone finds their tickets through the blind index. A second run adds more.
describe('scale generator', () => {
  let t: TestApp;
  let first: GenerateReport;
  beforeAll(async () => {
    t = await createTestApp();
    first = await generateScaleData(t.ctx, { tickets: 300, seed: 7 });
  }, 300_000);
  afterAll(async () => t?.close());

  const list = async (query: string) => {
    const res = await t.as('manager', { method: 'GET', url: `/api/v1/tickets?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json<{ total: number; items: { id: string; number: string; customerId: string; status: string }[] }>();
  };

  it('writes the requested history: about 30 % open, every ticket in the queue the web app asks for', async () => {
    expect(first.tickets).toBe(300);
    expect(first.open / first.tickets).toBeGreaterThan(0.2);
    expect(first.open / first.tickets).toBeLessThan(0.45);
    const all = await list('sort=-createdAt&limit=50&offset=0');
    expect(all.total).toBe(300);
    expect(all.items[0]!.number).toMatch(/^WX\d{11,}$/);
    const open = await list('open=true&sort=-createdAt&limit=50&offset=0');
    expect(open.total).toBe(first.open);
  });

  it('opens a generated ticket with its timeline, clocks and customer', async () => {
    const { items } = await list('status=closed&sort=-createdAt&limit=1&offset=0');
    const res = await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${items[0]!.id}` });
    expect(res.statusCode).toBe(200);
    const detail = res.json<{ number: string; status: string; clocks: { status: string }[]; customerName?: string }>();
    expect(detail.number).toBe(items[0]!.number);
    expect(detail.clocks.length).toBeGreaterThan(0);
    expect(detail.clocks.every((c) => c.status !== 'running')).toBe(true);
    const events = await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${items[0]!.id}/events` });
    expect(events.statusCode).toBe(200);
    const types = events.json<{ items: { type: string }[] }>().items.map((e) => e.type);
    expect(types[0]).toBe('created');
    expect(types).toContain('assigned');
    expect(types.at(-1)).toBe('status_changed');
  });

  it('keeps every audit chain intact and every ticket row equal to what its events say', async () => {
    const report = await verifyAuditTrail(t.ctx, { writeCheckpoint: false });
    expect(report.problems).toEqual([]);
    expect(report.events).toBeGreaterThan(300 * 4);
  });

  it('finds a fault word exactly where the tickets say it (same search columns as the create path)', async () => {
    const expected = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from tickets where search_plain like '%电源模块%'`);
    expect(expected.rows[0]!.n).toBeGreaterThan(0);
    const found = await list(`q=${encodeURIComponent('电源模块')}&sort=-createdAt&limit=50&offset=0`);
    expect(found.total).toBe(expected.rows[0]!.n);
  });

  it('stores contacts encrypted, and a full phone number finds its caller’s tickets through the blind index', async () => {
    const r = await t.ctx.db.execute<{ customer_id: string; phone_enc: string; name_enc: string }>(sql`
      select c.customer_id, c.phone_enc, c.name_enc from contacts c
       where c.is_primary and exists (select 1 from tickets t where t.contact_id = c.id) order by c.created_at limit 1`);
    const contact = r.rows[0]!;
    const phone = t.ctx.keys.decrypt(contact.phone_enc);
    expect(contact.phone_enc).not.toContain(phone.replace(/\D/g, '').slice(-4));
    expect(t.ctx.keys.decrypt(contact.name_enc)).toMatch(/\p{Script=Han}/u);
    const found = await list(`q=${encodeURIComponent(phone.replace(/\D/g, ''))}&sort=-createdAt&limit=50&offset=0`);
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.every((i) => i.customerId === contact.customer_id)).toBe(true);
  });

  it('writes each ticket’s report facts: the dashboard answers the same before and after a full rebuild', async () => {
    const facts = async () =>
      (await t.ctx.db.execute<Record<string, unknown>>(sql`select * from report_ticket_facts order by ticket_id`)).rows.map(
        ({ updated_at: _written, ...row }) => row,
      );
    const written = await facts();
    expect(written.length).toBe(300);
    // Every row names its model's category, the unit's batch and the customer's province (the dashboard's filters).
    expect(written.every((r) => r.product_category && r.batch && r.province)).toBe(true);
    expect(written.some((r) => r.satisfaction !== null) && written.some((r) => r.safety_event === true)).toBe(true);

    // China's dates: the dashboard's longest period (400 days), the latest full month, and that month for one category.
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const today = day(t.clock.now().getTime());
    const monthStart = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    const lastMonthEnd = day(monthStart.getTime() - 8 * 3_600_000 - 1);
    const periods = [
      `from=${day(t.clock.now().getTime() - 399 * 86_400_000)}&to=${today}`,
      `from=${lastMonthEnd.slice(0, 7)}-01&to=${lastMonthEnd}`,
      `from=${lastMonthEnd.slice(0, 7)}-01&to=${lastMonthEnd}&productCategory=${encodeURIComponent('电子类')}`,
    ];
    const dashboard = async () => {
      const answers: unknown[] = [];
      for (const q of periods) {
        for (const path of ['kpi', 'staff']) {
          if (path === 'staff' && q.includes('productCategory')) continue;
          const res = await t.as('manager', { method: 'GET', url: `/api/v1/reports/${path}?${q}` });
          expect(res.statusCode, res.body).toBe(200);
          answers.push(res.json());
        }
      }
      return answers;
    };
    const before = await dashboard();
    const [year, , month, , filtered] = before as { tickets: number; responseOnTimeRate: number | null; satisfactionMean: number | null }[];
    expect(year!.tickets).toBeGreaterThan(100);
    expect(month!.tickets).toBeGreaterThan(0);
    expect(filtered!.tickets).toBeGreaterThan(0);
    expect(filtered!.tickets).toBeLessThan(month!.tickets);
    expect(year!.responseOnTimeRate).not.toBeNull();
    expect(year!.satisfactionMean).not.toBeNull();

    const rebuild = await t.as('admin', { method: 'POST', url: '/api/v1/reports/facts/rebuild' });
    expect(rebuild.statusCode).toBe(202);
    while ((await deliverOutbox(t.ctx, t.modules.outbox)) > 0);
    const progress = await t.as('admin', { method: 'GET', url: `/api/v1/reports/facts/rebuild/${rebuild.json<{ jobId: number }>().jobId}` });
    expect(progress.json()).toMatchObject({ status: 'done' });
    // Row for row what refreshFactsOf computes (only the time of writing differs), hence the same figures.
    expect(await facts()).toEqual(written);
    expect(await dashboard()).toEqual(before);
  }, 300_000);

  it('writes the follow-up tasks behind every 已回访: the lists, the ratings and the KPI satisfaction agree', async () => {
    // Each followed-up ticket names the finished task its move came from (followTicketUp), and that task is satisfied.
    const moved = await t.ctx.db.execute<{ ticket_id: string; task_id: string }>(sql`
      select e.subject_id as ticket_id, e.data->>'followupTaskId' as task_id from events e
       where e.subject_type = 'ticket' and e.type = 'status_changed' and e.data->'after'->>'status' = 'followed_up'`);
    expect(moved.rows.length).toBeGreaterThan(50);
    const tasks = await t.ctx.db.execute<{ id: string; ticket_id: string; status: string; satisfied: boolean | null; rating: number | null; kind: string }>(
      sql`select id, ticket_id, status, satisfied, rating, kind from followup_tasks`,
    );
    const byId = new Map(tasks.rows.map((r) => [r.id, r]));
    for (const m of moved.rows) expect(byId.get(m.task_id)).toMatchObject({ ticket_id: m.ticket_id, status: 'completed', satisfied: true });
    // Every resolution got its routine task; none is left pending on an archived ticket.
    const gaps = await t.ctx.db.execute<{ n: number; pendingOnClosed: number }>(sql`
      select (select count(*)::int from tickets k where k.resolved_at is not null
                 and not exists (select 1 from followup_tasks f where f.ticket_id = k.id and f.kind = 'routine')) as n,
             (select count(*)::int from followup_tasks f join tickets k on k.id = f.ticket_id where f.status = 'pending' and k.status = 'closed') as "pendingOnClosed"`);
    expect(gaps.rows[0]).toEqual({ n: 0, pendingOnClosed: 0 });
    // A few unhappy customers: a rating below 4 opened a dedicated follow-up (专项回访).
    const low = tasks.rows.filter((r) => r.kind === 'routine' && r.rating !== null && r.rating < 4);
    expect(low.length).toBeGreaterThan(0);
    for (const r of low) expect(tasks.rows.some((x) => x.kind === 'special' && x.ticket_id === r.ticket_id)).toBe(true);

    // The follow-up list the agents work from shows the answered calls with their ratings and clocks.
    const res = await t.as('manager', { method: 'GET', url: '/api/v1/followups?status=completed&limit=20' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { rating: number | null; ticket: { status: string }; clock: { status: string } | null }[] }>().items;
    expect(items.length).toBe(20);
    expect(items.every((i) => i.rating !== null && i.clock?.status === 'met')).toBe(true);

    // The dashboard's satisfaction (rebuilt from every ticket) is the mean of the settled ratings.
    const rebuild = await t.as('admin', { method: 'POST', url: '/api/v1/reports/facts/rebuild' });
    expect(rebuild.statusCode).toBe(202);
    while ((await deliverOutbox(t.ctx, t.modules.outbox)) > 0);
    // The dashboard's longest period (400 days), its cohort by receipt on China's dates.
    const from = new Date(t.clock.now().getTime() + 8 * 3_600_000 - 399 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const start = `${from}T00:00:00+08:00`;
    const settled = await t.ctx.db.execute<{ mean: string; n: number }>(sql`
      select avg(r.rating)::text as mean, count(*)::int as n from (
        select distinct on (f.ticket_id) f.rating from followup_tasks f join tickets k on k.id = f.ticket_id
         where f.rating is not null and k.received_at >= ${start}::timestamptz
         order by f.ticket_id, f.updated_at desc, f.created_at desc) r`);
    expect(settled.rows[0]!.n).toBeGreaterThan(20);
    const kpi = await t.as('manager', { method: 'GET', url: `/api/v1/reports/kpi?from=${from}&to=${to}` });
    expect(kpi.statusCode).toBe(200);
    const figures = kpi.json<{ satisfactionMean: number; satisfactionDistribution: { score: number; count: number }[] }>();
    expect(figures.satisfactionDistribution.reduce((s, d) => s + d.count, 0)).toBe(settled.rows[0]!.n);
    expect(figures.satisfactionMean).toBeCloseTo(Number(settled.rows[0]!.mean), 1);
    expect(figures.satisfactionMean).toBeGreaterThan(4);
  }, 300_000);

  it('adds another history on a second run with the same seed, without colliding', async () => {
    const second = await generateScaleData(t.ctx, { tickets: 120, seed: 7 });
    expect(second.tickets).toBe(120);
    expect((await list('sort=-createdAt&limit=1&offset=0')).total).toBe(420);
    const dup = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (select number from tickets group by number having count(*) > 1) d`);
    expect(dup.rows[0]!.n).toBe(0);
    const report = await verifyAuditTrail(t.ctx, { writeCheckpoint: false });
    expect(report.problems).toEqual([]);
  }, 300_000);
});
