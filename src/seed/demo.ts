import { sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../context';
import { hours } from '../domain/sla/presets.documents';
import { createCustomer } from '../modules/customers/customers.service';
import { provinceOfAddress } from '../domain/customer/region';
import { actorOf, createUser } from '../modules/identity/identity.service';
import { markTicketNotificationsRead } from '../modules/notifications/notifications.service';
import { deliverOutbox, type OutboxRegistry } from '../jobs/outbox';
import { createProductModel, createSerialUnit } from '../modules/products/products.service';
import { createContract } from '../modules/sla/policies.service';
import type { TicketDeps } from '../modules/tickets/tickets.service';
import { DEMO_COMPANIES, DEMO_CONTRACTS, DEMO_MODELS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_USERS } from './demo-data';
import { DEMO_PROBLEMS } from './demo-problems';
import { DemoStory, onTimeResolution, TIME, type DemoCast, type DemoUnit } from './demo-tickets';
import { seedDemoOldParts, seedDemoParts } from './demo-parts';
import { seedDemoServices } from './demo-services';

// A small deterministic generator, so every fresh demo looks the same.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const { MIN, HOUR, DAY } = TIME;
/** About a quarter of the requests are still being worked; the rest is the last 90 days' history. */
const OPEN_SHARE = 0.3;
/** 004's first-response times per grade, in minutes: what the seeded open work is measured against. */
const FIRST_RESPONSE_MIN = { urgent: 30, important: 120, general: 240 } as const;
const CHANNELS = ['phone', 'phone', 'phone', 'walk_in', 'email', 'web', 'wechat', 'dealer'] as const;

export async function demoNeeded(ctx: AppContext): Promise<boolean> {
  const rows = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from tickets`);
  return rows.rows[0]!.n === 0;
}

/**
 * Seeds the demo company; tickets are spread over the last 90 days with their real timestamps.
 * `ctx` is the instance's ticket deps (createModules(ctx).tickets), so the tickets get their clocks.
 */
export async function seedDemo(
  ctx: TicketDeps,
  opts: {
    tickets?: number;
    onProgress?: (done: number, total: number) => void;
    /** Delivers what the seed announced before marking the past read (else the workers do it later, unread). */
    outbox?: OutboxRegistry;
  } = {},
) {
  const total = opts.tickets ?? 200;
  const rand = rng(20261122);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const system: Actor = { id: null, name: 'demo', role: 'admin' };

  const staff: Record<string, Actor> = {};
  for (const u of DEMO_USERS) {
    const created = await createUser(ctx, { ...u, password: DEMO_PASSWORD }, system);
    staff[u.username] = actorOf(created);
  }
  const models = [];
  for (const m of DEMO_MODELS) models.push(await createProductModel(ctx, { ...m, discontinued: false }, system));

  const now = ctx.clock.now().getTime();
  const customers = [];
  for (const [i, company] of DEMO_COMPANIES.entries()) {
    const person = DEMO_PEOPLE[i % DEMO_PEOPLE.length]!;
    const phone = `13${String(800000000 + Math.floor(rand() * 199999999)).slice(0, 9)}`;
    customers.push(
      await createCustomer(
        ctx,
        {
          name: company.name,
          kind: 'company',
          notes: null,
          province: provinceOfAddress(company.address),
          contacts: [{ name: person, phone, email: `contact${i + 1}@example.cn`, address: company.address }],
        },
        system,
      ),
    );
  }
  for (const c of DEMO_CONTRACTS) {
    const overrides = [{ requestType: '*' as const, priority: 'general' as const, targets: { firstResponse: hours(c.firstResponseHours) }, source: c.name }];
    await createContract(ctx, { customerId: customers[c.company]!.id, name: c.name, overrides }, staff.manager!);
  }
  const units: (DemoUnit & { family: string })[] = [];
  for (let i = 0; i < 120; i++) {
    const model = models[i % models.length]!;
    const family = model.modelNumber.split('-')[0]!;
    const bought = new Date(now - Math.floor(rand() * 900) * DAY).toISOString().slice(0, 10);
    const unit = await createSerialUnit(
      ctx,
      {
        serialNumber: `${family}${String(2024000 + i * 37).padStart(8, '0')}`,
        productModelId: model.id,
        customerId: customers[i % customers.length]!.id,
        purchaseDate: bought,
        purchaseChannel: pick(['直销', '经销商', '电商平台']),
        deliveredAt: bought,
        batch: `B${bought.slice(0, 7).replace('-', '')}`,
      },
      system,
    );
    units.push({ id: unit.id, customerId: unit.customerId!, serialNumber: unit.serialNumber, family });
  }
  const demoParts = await seedDemoParts(ctx, models, staff, system);
  const partJobs: { ticketId: string; serialUnitId: string }[] = [];

  const past: string[] = [];
  let rank = 0;
  const cast: DemoCast = { agents: [staff.agent!, staff.agent2!], engineers: [staff.engineer!, staff.engineer2!], manager: staff.manager! };
  for (let i = 0; i < total; i++) {
    const unit = pick(units);
    const problem = pick(DEMO_PROBLEMS[unit.family]!);
    const channel = pick(CHANNELS);
    const owner = pick(cast.engineers);
    const open = rand() < OPEN_SHARE;
    const input = { unit, problem, channel, owner, cast, rank: open ? rank++ : -1 };
    const t = open ? await openStory(ctx, rand, now, input) : await historyStory(ctx, rand, now, input);
    if (t.received < now - 4 * HOUR) past.push(t.id);
    if (open && unit.family === 'PSU' && partJobs.length < 2) partJobs.push({ ticketId: t.id, serialUnitId: unit.id });
    opts.onProgress?.(i + 1, total);
  }
  await seedDemoOldParts(ctx, demoParts, partJobs, staff.engineer);
  // Returns, refunds, complaints, a dispute, field visits, follow-ups and articles, on tickets of their own.
  const byFamily = (family: string) => units.filter((u) => u.family === family);
  const serviceCast = { ...cast, finance: staff.finance!, logistics: staff.logistics!, engineer: staff.engineer! };
  past.push(...(await seedDemoServices(ctx, rand, now, serviceCast, byFamily, models)));
  // What happened before the last few hours is news the demo users have already read; the latest stays unread.
  if (opts.outbox) while ((await deliverOutbox(ctx, opts.outbox)) > 0);
  await markTicketNotificationsRead(ctx, past);
  return { users: DEMO_USERS.map((u) => u.username), password: DEMO_PASSWORD };
}

interface StoryInput {
  unit: DemoUnit;
  problem: (typeof DEMO_PROBLEMS)[string][number];
  channel: string;
  owner: Actor;
  cast: DemoCast;
  /** The how-manyth open ticket this is. */
  rank: number;
}

/** Work in hand: recent, answered in minutes, in every open state; a few late or waiting for a person. */
async function openStory(ctx: TicketDeps, rand: () => number, now: number, s: StoryInput): Promise<{ id: string; received: number }> {
  const { problem } = s;
  const maxAge = problem.priority === 'urgent' ? 3 * HOUR : problem.priority === 'important' ? 60 * HOUR : 80 * HOUR;
  // By the open ticket's rank, so every demo has the same mix: one in ten just in (nobody has answered
  // yet), one in ten close to its first-response time, one in twenty left waiting past it (red).
  const firstResponse = FIRST_RESPONSE_MIN[problem.priority] * MIN;
  const fresh = s.rank % 10 === 0;
  const atRisk = s.rank % 10 === 1;
  const neglected = s.rank % 20 === 2;
  const received = fresh
    ? now - (2 + rand() * 5) * MIN
    : atRisk
      ? now - firstResponse * (0.85 + rand() * 0.1)
      : neglected
        ? now - firstResponse * (1.5 + rand())
        : now - (20 * MIN + rand() * maxAge);
  const story = new DemoStory(ctx, rand, now, received);
  const t = await story.create(problem, s.unit, atRisk ? 'phone' : s.channel, s.cast);
  const done = { id: t.id, received };
  if (fresh || atRisk || neglected) return done;
  // A few written requests were picked up late: the minority of clocks that show red.
  const late = !t.spoken && problem.priority !== 'urgent' && s.rank % 20 === 12;
  await story.takeUp(t.id, problem, t.spoken, t.agent, s.owner, late ? (20 + rand() * 60) * MIN : (2 + rand() * 6) * MIN);
  if (problem.priority === 'urgent') await story.keepInformed(t.id, s.owner, now);
  if (rand() < 0.5) await story.note(t.id, problem, s.owner);
  if (rand() < 0.2) await story.attach(t.id, s.unit.serialNumber, s.owner);
  if (problem.priority === 'urgent') return done;
  const r = rand();
  if (r < 0.15) await story.move(t.id, 'waiting_customer', s.owner, HOUR, '请客户提供现场照片和设备日志');
  else if (r < 0.25) await story.move(t.id, 'waiting_parts', s.owner, HOUR, '等待备件到货');
  else if (r < 0.4 && now - received < 40 * HOUR) await story.move(t.id, 'resolved', s.owner, 2 * HOUR + rand() * 6 * HOUR, '已远程指导客户处理，设备恢复正常');
  return done;
}

/** The last 90 days: resolved within the grade's time, followed up and archived; some late, explained. */
async function historyStory(ctx: TicketDeps, rand: () => number, now: number, s: StoryInput): Promise<{ id: string; received: number }> {
  const { problem } = s;
  const received = now - (4 * DAY + rand() * 86 * DAY);
  const story = new DemoStory(ctx, rand, now, received);
  const t = await story.create(problem, s.unit, s.channel, s.cast);
  const done = { id: t.id, received };
  if (rand() < 0.06) {
    await story.move(t.id, 'cancelled', t.agent, HOUR, '客户撤回请求');
    return done;
  }
  await story.takeUp(t.id, problem, t.spoken, t.agent, s.owner, (2 + rand() * 6) * MIN);
  const late = rand() < 0.1;
  const work = onTimeResolution(problem.priority, rand);
  const urgent = problem.priority === 'urgent';
  if (urgent) await story.keepInformed(t.id, s.owner, story.nowAt() + work);
  if (rand() < 0.5) await story.note(t.id, problem, s.owner);
  if (rand() < 0.15) await story.attach(t.id, s.unit.serialNumber, s.owner);
  if (!urgent && rand() < 0.2) {
    await story.move(t.id, 'waiting_parts', s.owner, work / 3, '等待备件到货');
    await story.move(t.id, 'in_progress', s.owner, DAY, '备件已到货');
  }
  if (late) {
    // Well past any grade's resolution time (5 working days can span a week-long holiday).
    await story.move(t.id, 'waiting_customer', s.owner, HOUR, '等待客户安排停机窗口');
    await story.move(t.id, 'in_progress', s.owner, 2 * HOUR, '客户已安排停机');
    story.wait(10 * DAY);
    await story.sweep();
  }
  await story.move(t.id, 'resolved', s.owner, urgent ? 5 * MIN : work / 2, '已处理完毕，设备恢复正常');
  if (rand() < 0.8) await story.followUp(t.id, t.agent, (problem.priority === 'urgent' ? 2 : 6 + rand() * 40) * HOUR);
  await story.archive(t.id, s.owner, s.cast.manager, HOUR);
  return done;
}
