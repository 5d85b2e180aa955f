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
  }, 600_000);
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
