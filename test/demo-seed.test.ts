import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from './helpers/app';
import { freshDatabase } from './helpers/database';
import { createModules, type Modules } from '../src/composition';
import type { AppContext } from '../src/context';
import { deliverOutbox } from '../src/jobs/outbox';
import { detectBreaches, detectWarnings } from '../src/modules/sla/breach.service';
import { listNotifications } from '../src/modules/notifications/notifications.service';
import { createContext } from '../src/server';
import { seedDemo } from '../src/seed/demo';

// Words that cannot describe a problem of that product family (a cable has no 减速机 noise).
const FORBIDDEN: Record<string, string[]> = {
  PSU: ['减速机', '晶圆', '电缆', '触摸', '固件', '芯片'],
  CTL: ['减速机', '晶圆', '电缆', '触摸屏', '护套'],
  HMI: ['减速机', '晶圆', '电缆', '护套', '齿轮'],
  WF: ['减速机', '电缆', '触摸', '固件', '油封', '风扇'],
  IC: ['减速机', '晶圆', '电缆', '触摸', '油封', '护套'],
  YJV: ['减速机', '晶圆', '触摸', '固件', '芯片', '风扇', '屏'],
  RV: ['减速机', '晶圆', '触摸', '固件', '芯片', '风扇', '屏'],
  GBX: ['晶圆', '电缆', '触摸', '固件', '芯片', '屏', '护套'],
};

describe('demo company', () => {
  let ctx: AppContext;
  let modules: Modules;
  let drop: () => Promise<void>;
  let dataDir: string;
  const clock = new TestClock(new Date('2026-11-20T02:00:00.000Z'));

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    dataDir = mkdtempSync(join(tmpdir(), 'shouhou-demo-'));
    ctx = createContext(db.database, { dataDir, maxAttachmentBytes: 1024 * 1024 }, clock);
    modules = createModules(ctx);
    await seedDemo(modules.tickets, { outbox: modules.outbox });
    // The server's sweeps then run on the real clock, a few minutes after the seed began.
    clock.advance(3 * 60_000);
    while ((await detectBreaches(ctx)) > 0);
    while ((await detectWarnings(ctx)) > 0);
    while ((await deliverOutbox(ctx, modules.outbox)) > 0);
  }, 1_200_000); // the seed takes ~1 min alone; a machine shared by several test runs is far slower
  afterAll(async () => {
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const rows = () =>
    ctx.db
      .execute<{ status: string; breached: boolean; title: string; description: string; model: string }>(
        sql`select t.status, t.sla_breached as breached, t.title, t.description, m.model_number as model
            from tickets t join serial_units u on u.id = t.serial_unit_id join product_models m on m.id = u.product_model_id`,
      )
      .then((r) => r.rows);

  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await ctx.db.execute<T>(query)).rows;

  it('has returns at every stage, each with its eligibility decision, and refunds paid and due', async () => {
    const rmas = await q<{ status: string; allowed: boolean; override: boolean; number: string; ticket: string }>(sql`
      select r.status, (r.eligibility->>'allowed')::boolean as allowed, r.eligibility_override is not null as override, r.number, t.number as ticket
        from rma_orders r join tickets t on t.id = r.ticket_id`);
    expect(new Set(rmas.map((r) => r.status))).toEqual(new Set(['requested', 'in_transit', 'refunded']));
    for (const r of rmas) expect(r.number.startsWith(r.ticket)).toBe(true);
    // A contract sale has no right of return without reason: the manager's override (特批) is on record.
    expect(rmas.filter((r) => !r.allowed)).toEqual([expect.objectContaining({ override: true })]);
    // The request waiting for its review has its review clock running.
    const review = await q<{ status: string }>(sql`
      select c.status from sla_clocks c join rma_orders r on c.subject_id = r.id where r.status = 'requested' and c.target = 'returnReview'`);
    expect(review).toEqual([{ status: 'running' }]);
    const refunds = await q<{ status: string; due_on: string; paid_at: Date | null }>(sql`select status, due_on::text, paid_at from refunds order by status`);
    expect(refunds.map((r) => r.status)).toEqual(['approved', 'paid']);
    const today = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const due = refunds.find((r) => r.status === 'approved')!;
    expect(due.due_on >= today).toBe(true);
    expect((Date.parse(due.due_on) - Date.parse(today)) / 86_400_000).toBeLessThanOrEqual(7);
  });

  it('has a complaint being handled with its clocks, one closed satisfied, and a dispute in mediation', async () => {
    const complaints = await q<{ id: string; status: string; grade: string; tickets: number }>(sql`
      select id, status, grade, jsonb_array_length(ticket_ids) as tickets from complaints order by received_at`);
    expect(complaints.map((c) => c.status).sort()).toEqual(['escalated', 'handling', 'satisfied']);
    expect(complaints.every((c) => c.tickets === 1)).toBe(true);
    const open = complaints.find((c) => c.status === 'handling')!;
    const clocks = await q<{ target: string; status: string }>(sql`
      select target, status from sla_clocks where subject_type = 'complaint' and subject_id = ${open.id} order by started_at, target`);
    expect(clocks).toEqual(
      expect.arrayContaining([
        { target: 'complaintContact', status: 'met' },
        { target: 'complaintResolutionComplex', status: 'running' },
      ]),
    );
    const [dispute] = await q<{ status: string; negotiation: number; body: string; case_number: string }>(sql`
      select status, jsonb_array_length(negotiation) as negotiation, stages->'mediation'->>'body' as body, stages->'mediation'->>'caseNumber' as case_number
        from disputes`);
    expect(dispute).toMatchObject({ status: 'mediation', negotiation: 2, body: '常州市新北区人民调解委员会' });
    expect(dispute!.case_number).toMatch(/^新北调字/);
  });

  it('books field visits for the demo engineer today and tomorrow (China time), and publishes Chinese articles', async () => {
    const visits = await q<{ day: string; state: string }>(sql`
      select to_char(r.appointment_from at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day, r.dispatch_state as state
        from repair_orders r join users u on u.id = r.engineer_id where u.username = 'engineer' and r.mode = 'field' and r.appointment_from is not null
       order by r.appointment_from`);
    const day = (offset: number) => new Date(clock.now().getTime() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    expect(visits).toEqual([
      { day: day(0), state: 'accepted' },
      { day: day(1), state: 'accepted' },
    ]);
    const articles = await q<{ title: string; status: string }>(sql`select title, status from kb_articles`);
    expect(articles.length).toBeGreaterThanOrEqual(5);
    for (const a of articles) {
      expect(a.status).toBe('published');
      expect(a.title).toMatch(/\p{Script=Han}/u);
    }
  });

  it('has follow-ups done with ratings, some pending, and an open dedicated follow-up after a low rating', async () => {
    const tasks = await q<{ kind: string; status: string; rating: number | null }>(sql`select kind, status, rating from followup_tasks`);
    const done = tasks.filter((t) => t.status === 'completed');
    expect(done.length).toBeGreaterThan(50);
    expect(done.every((t) => t.rating !== null && t.rating >= 1)).toBe(true);
    expect(tasks.some((t) => t.kind === 'routine' && t.status === 'pending')).toBe(true);
    expect(tasks.filter((t) => t.kind === 'special' && t.status === 'pending').length).toBe(1);
    expect(done.some((t) => t.kind === 'routine' && t.rating === 3)).toBe(true);
  });

  it('leaves a minority of the open work breached, some at risk, most of it running', async () => {
    const open = (await rows()).filter((t) => t.status !== 'closed' && t.status !== 'cancelled');
    expect(open.length).toBeGreaterThan(20);
    // Overdue in the ticket's sense (needs a 超时说明) and in the queue badge's (any clock late, still running).
    expect(open.filter((t) => t.breached).length / open.length).toBeLessThanOrEqual(0.25);
    const perTicket = await ctx.db.execute<{ late: boolean; risk: boolean; running: boolean }>(
      sql`select bool_or(c.status = 'breached' and c.stopped_at is null) as late,
                 bool_or(c.status = 'running' and c.warned_at is not null) as risk,
                 bool_or(c.status = 'running') as running
            from tickets t join sla_clocks c on c.subject_type = 'ticket' and c.subject_id = t.id
           where t.status not in ('closed', 'cancelled') group by t.id`,
    );
    const tickets = perTicket.rows;
    const late = tickets.filter((t) => t.late).length;
    expect(late).toBeGreaterThan(0);
    expect(late / open.length).toBeLessThanOrEqual(0.25);
    expect(tickets.filter((t) => t.risk).length).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.running).length).toBeGreaterThan(open.length / 2);
  });

  it('tells many different stories, each fitting its product, under its own short title', async () => {
    const all = await rows();
    expect(new Set(all.map((t) => t.description)).size).toBeGreaterThanOrEqual(60);
    for (const t of all) {
      expect(t.title).not.toBe(t.description);
      const family = t.model.split('-')[0]!;
      for (const word of FORBIDDEN[family]!) expect(t.description, `${t.model}: ${t.description}`).not.toContain(word);
    }
  });

  it('gives the manager a handful of unread notifications, not a flood', async () => {
    const [m] = (await ctx.db.execute<{ id: string }>(sql`select id from users where username = 'manager'`)).rows;
    const { unread } = await listNotifications(ctx, m!.id, true, 'zh-CN');
    expect(unread).toBeLessThanOrEqual(20);
  });

  it('stores real attachments, contracts, notes and follow-up results', async () => {
    const count = async (q: ReturnType<typeof sql>) => (await ctx.db.execute<{ n: number }>(q)).rows[0]!.n;
    expect(await count(sql`select count(*)::int as n from attachments`)).toBeGreaterThan(5);
    expect(await count(sql`select count(*)::int as n from customer_contracts`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from events where type = 'internal_note'`)).toBeGreaterThan(10);
    // History that was late was archived with an approved 超时说明; nothing is left waiting for one.
    expect(await count(sql`select count(*)::int as n from timeout_explanations where status = 'approved'`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from tickets where status = 'closed'`)).toBeGreaterThan(50);
  });
});
