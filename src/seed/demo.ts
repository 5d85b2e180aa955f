import { sql } from 'drizzle-orm';
import type { Actor, AppContext } from '../context';
import { AppError } from '../domain/shared/errors';
import type { TicketStatus } from '../domain/ticket/ticket.status';
import { createCustomer } from '../modules/customers/customers.service';
import { actorOf, createUser } from '../modules/identity/identity.service';
import { createProductModel, createSerialUnit } from '../modules/products/products.service';
import { decideExplanation, submitExplanation } from '../modules/sla/timeout.service';
import { addTicketEvent, createTicket, loadTicket, transitionTicket, updateTicket, type TicketDeps } from '../modules/tickets/tickets.service';
import { DEMO_CITIES, DEMO_COMPANIES, DEMO_MODELS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_PROBLEMS, DEMO_REPLIES, DEMO_USERS } from './demo-data';

// A small deterministic generator, so every fresh demo looks the same.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PATHS: TicketStatus[][] = [
  [],
  ['in_progress'],
  ['in_progress', 'waiting_customer'],
  ['in_progress', 'waiting_parts'],
  ['in_progress', 'resolved'],
  ['in_progress', 'resolved', 'followed_up'],
  ['in_progress', 'resolved', 'followed_up', 'closed'],
  ['in_progress', 'resolved', 'closed'],
  ['cancelled'],
];

/** Archiving an overdue ticket needs an approved timeout explanation (超时说明), as in real work. */
async function explainIfOverdue(ctx: TicketDeps, ticketId: string, owner: Actor, manager: Actor) {
  if (!(await loadTicket(ctx.db, ticketId)).slaBreached) return;
  const ex = await submitExplanation(ctx, ticketId, '备件到货延迟，已向客户说明并获得谅解', owner);
  await decideExplanation(ctx, ticketId, ex.id, true, '情况属实，同意归档', manager);
}

/**
 * The server's SLA sweeps run while the demo is seeded (on the real clock, the demo writes the
 * past), so a clock can breach between the check above and the archiving: explain it then.
 */
async function archive(ctx: TicketDeps, ticketId: string, owner: Actor, manager: Actor) {
  await explainIfOverdue(ctx, ticketId, owner, manager);
  try {
    await transitionTicket(ctx, ticketId, 'closed', null, owner);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'timeout_explanation_required') throw err;
    await explainIfOverdue(ctx, ticketId, owner, manager);
    await transitionTicket(ctx, ticketId, 'closed', null, owner);
  }
}

export async function demoNeeded(ctx: AppContext): Promise<boolean> {
  const rows = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from tickets`);
  return rows.rows[0]!.n === 0;
}

/**
 * Seeds the demo company; tickets are spread over the last 90 days with their real timestamps.
 * `ctx` is the instance's ticket deps (createModules(ctx).tickets), so the tickets get their clocks.
 */
export async function seedDemo(ctx: TicketDeps, opts: { tickets?: number; onProgress?: (done: number, total: number) => void } = {}) {
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
  for (const [i, name] of DEMO_COMPANIES.entries()) {
    const person = DEMO_PEOPLE[i % DEMO_PEOPLE.length]!;
    const phone = `13${String(800000000 + Math.floor(rand() * 199999999)).slice(0, 9)}`;
    customers.push(
      await createCustomer(
        ctx,
        {
          name,
          kind: 'company',
          notes: null,
          contacts: [{ name: person, phone, email: `contact${i + 1}@example.cn`, address: `${pick(DEMO_CITIES)}科技路${10 + i}号` }],
        },
        system,
      ),
    );
  }
  const units = [];
  for (let i = 0; i < 120; i++) {
    const model = models[i % models.length]!;
    const bought = new Date(now - Math.floor(rand() * 900) * 86_400_000).toISOString().slice(0, 10);
    units.push(
      await createSerialUnit(
        ctx,
        {
          serialNumber: `${model.modelNumber.split('-')[0]}${String(2024000 + i * 37).padStart(8, '0')}`,
          productModelId: model.id,
          customerId: customers[i % customers.length]!.id,
          purchaseDate: bought,
          purchaseChannel: pick(['直销', '经销商', '电商平台']),
          deliveredAt: bought,
          batch: `B${bought.slice(0, 7).replace('-', '')}`,
        },
        system,
      ),
    );
  }

  const agents = [staff.agent!, staff.agent2!];
  const engineers = [staff.engineer!, staff.engineer2!];
  for (let i = 0; i < total; i++) {
    const problem = pick(DEMO_PROBLEMS);
    const unit = pick(units);
    let at = now - Math.floor(rand() * 90 * 86_400_000);
    const at0 = at;
    const clock = { now: () => new Date(at) };
    const tctx: TicketDeps = { ...ctx, clock };
    const agent = pick(agents);
    const created = await createTicket(
      tctx,
      {
        channel: pick(['phone', 'phone', 'email', 'web', 'wechat', 'dealer', 'walk_in'] as const),
        requestType: problem.type as never,
        description: problem.text,
        customerId: unit.customerId!,
        serialUnitId: unit.id,
        customerUrgency: rand() < 0.3 ? 'urgent' : undefined,
      },
      agent,
      { receivedAt: new Date(at0) },
    );
    // Older tickets got further along their life.
    const age = (now - at0) / 86_400_000;
    const path = age < 2 ? pick(PATHS.slice(0, 4)) : age < 10 ? pick(PATHS.slice(0, 6)) : pick(PATHS);
    if (path[0] === 'cancelled') {
      at += 3_600_000;
      await transitionTicket(tctx, created.id, 'cancelled', '客户撤回请求', agent);
      opts.onProgress?.(i + 1, total);
      continue;
    }
    at += 5 * 60_000 + Math.floor(rand() * 600_000);
    await updateTicket(tctx, created.id, { priority: problem.priority, priorityReason: '按问题分级标准评定' }, agent);
    if (!path.length) {
      opts.onProgress?.(i + 1, total);
      continue;
    }
    at += 10 * 60_000;
    const owner = pick(engineers);
    await updateTicket(tctx, created.id, { ownerId: owner.id }, agent);
    for (const to of path) {
      at += Math.floor(rand() * 8 * 3_600_000) + 600_000;
      if (at > now) at = now - 60_000;
      if (to === 'in_progress') await addTicketEvent(tctx, created.id, 'public_reply', pick(DEMO_REPLIES), owner);
      if (to === 'closed') await archive(tctx, created.id, owner, staff.manager!);
      else await transitionTicket(tctx, created.id, to, null, to === 'followed_up' ? agent : owner);
    }
    opts.onProgress?.(i + 1, total);
  }
  return { users: DEMO_USERS.map((u) => u.username), password: DEMO_PASSWORD };
}
