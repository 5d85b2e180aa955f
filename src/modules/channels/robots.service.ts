import { randomUUID } from 'node:crypto';
import { and, arrayContains, asc, eq } from 'drizzle-orm';
import type { Actor, AppContext, TxContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { notFound } from '../../domain/shared/errors';
import { enqueue, oncePerBatch, type OutboxRegistry } from '../../jobs/outbox';
import { recordSettingsChange } from '../audit/settings-audit';
import { loadTicket } from '../tickets/tickets.service';
import { teamRobots } from './channels.tables';
import type { RobotEvent } from './channels.topics';
import { describeFailure, outboundRequest } from './outbound-http';
import { robotWording } from '../templates/templates.service';
import { noticeContent, robotAccepted, robotCard, signedRobotRequest, type RobotNotice, type RobotPlatform } from './robots.cards';
import { refuseAddress } from './sms.service';

export interface RobotInput {
  team?: string | null | undefined;
  platform: RobotPlatform;
  name: string;
  /** Absent on an update: keep the stored address (it holds the robot's key). */
  webhookUrl?: string | undefined;
  /** 加签 secret; absent on an update: keep; null: signing switched off. */
  secret?: string | null | undefined;
  events: RobotEvent[];
  enabled: boolean;
}

type RobotRow = typeof teamRobots.$inferSelect;

/** The web app's base address, for the button on each card (SHOUHOU_PUBLIC_URL in production). */
export function publicBaseUrl(): string {
  return (process.env.SHOUHOU_PUBLIC_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
}

/** What the admin page sees: the platform host and a masked key, never the key or the secret. */
function view(keys: AppContext['keys'], r: RobotRow) {
  let shown: string;
  try {
    const u = new URL(keys.decrypt(r.webhookUrlEnc));
    // Host only: Feishu puts the hook's token in the path, WeCom and DingTalk in the query.
    shown = `${u.protocol}//${u.host}/****`;
  } catch {
    shown = '****';
  }
  return {
    id: r.id,
    team: r.team,
    platform: r.platform as RobotPlatform,
    name: r.name,
    webhookUrlMasked: shown,
    signed: r.secretEnc !== null,
    events: r.events as RobotEvent[],
    enabled: r.enabled,
    lastStatus: r.lastStatus as 'sent' | 'failed' | null,
    lastError: r.lastError,
    lastSentAt: r.lastSentAt,
  };
}

export async function listRobots(ctx: AppContext) {
  const rows = await ctx.db.select().from(teamRobots).orderBy(asc(teamRobots.createdAt));
  return rows.map((r) => view(ctx.keys, r));
}

export async function createRobot(ctx: AppContext, input: RobotInput & { webhookUrl: string }, actor: Actor) {
  refuseAddress('webhookUrl', input.webhookUrl);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(teamRobots)
      .values({
        id: randomUUID(),
        team: input.team || null,
        platform: input.platform,
        name: input.name,
        webhookUrlEnc: ctx.keys.encrypt(input.webhookUrl),
        secretEnc: input.secret ? ctx.keys.encrypt(input.secret) : null,
        events: [...new Set(input.events)],
        enabled: input.enabled,
        createdAt: ctx.clock.now(),
      })
      .returning();
    const shown = view(ctx.keys, row!);
    await recordSettingsChange(tx, ctx, actor, {
      area: 'robot',
      action: 'created',
      target: { id: shown.id, name: shown.name },
      after: plainRobot(shown),
      secretsChanged: ['webhookUrl', ...(input.secret ? ['secret'] : [])],
    });
    return shown;
  });
}

/** A robot's plain fields as the change record keeps them: never its URL (it carries the key) or secret. */
function plainRobot(v: ReturnType<typeof view>) {
  return { team: v.team, platform: v.platform, name: v.name, signed: v.signed, events: v.events, enabled: v.enabled };
}

export async function updateRobot(ctx: AppContext, id: string, input: RobotInput, actor: Actor) {
  if (input.webhookUrl) refuseAddress('webhookUrl', input.webhookUrl);
  return ctx.db.transaction(async (tx) => {
    const [old] = await tx.select().from(teamRobots).where(eq(teamRobots.id, id)).for('update');
    if (!old) throw notFound('robot', id);
    const [row] = await tx
      .update(teamRobots)
      .set({
        team: input.team || null,
        platform: input.platform,
        name: input.name,
        ...(input.webhookUrl ? { webhookUrlEnc: ctx.keys.encrypt(input.webhookUrl) } : {}),
        ...(input.secret === undefined ? {} : { secretEnc: input.secret ? ctx.keys.encrypt(input.secret) : null }),
        events: [...new Set(input.events)],
        enabled: input.enabled,
      })
      .where(eq(teamRobots.id, id))
      .returning();
    const shown = view(ctx.keys, row!);
    await recordSettingsChange(tx, ctx, actor, {
      area: 'robot',
      action: 'updated',
      target: { id, name: shown.name },
      before: plainRobot(view(ctx.keys, old)),
      after: plainRobot(shown),
      secretsChanged: [...(input.webhookUrl ? ['webhookUrl'] : []), ...(input.secret === undefined ? [] : ['secret'])],
    });
    return shown;
  });
}

export async function deleteRobot(ctx: AppContext, id: string, actor: Actor) {
  await ctx.db.transaction(async (tx) => {
    const [old] = await tx.delete(teamRobots).where(eq(teamRobots.id, id)).returning();
    if (!old) throw notFound('robot', id);
    const shown = view(ctx.keys, old);
    await recordSettingsChange(tx, ctx, actor, { area: 'robot', action: 'deleted', target: { id, name: shown.name }, before: plainRobot(shown) });
  });
}

async function post(db: DbOrTx, keys: AppContext['keys'], robot: RobotRow, notice: RobotNotice, now: Date): Promise<{ ok: boolean; error: string | null }> {
  const platform = robot.platform as RobotPlatform;
  const content = noticeContent(notice, await robotWording(db, notice.event));
  const req = signedRobotRequest(
    platform,
    keys.decrypt(robot.webhookUrlEnc),
    robot.secretEnc ? keys.decrypt(robot.secretEnc) : null,
    robotCard(platform, notice, content),
    now,
  );
  try {
    const res = await outboundRequest(req.url, { headers: { 'content-type': 'application/json; charset=utf-8' }, body: req.body });
    return robotAccepted(platform, res.status, res.body);
  } catch (err) {
    return { ok: false, error: describeFailure(err) };
  }
}

async function record(db: DbOrTx, id: string, result: { ok: boolean; error: string | null }, now: Date) {
  await db
    .update(teamRobots)
    .set({ lastStatus: result.ok ? 'sent' : 'failed', lastError: result.error, lastSentAt: now })
    .where(eq(teamRobots.id, id));
}

/** 发送测试消息: at once, so the admin sees whether the group received it. */
export async function sendTestRobotMessage(ctx: AppContext, id: string) {
  const [robot] = await ctx.db.select().from(teamRobots).where(eq(teamRobots.id, id));
  if (!robot) throw notFound('robot', id);
  const now = ctx.clock.now();
  const result = await post(ctx.db, ctx.keys, robot, { event: 'test', facts: {}, link: `${publicBaseUrl()}/tickets` }, now);
  await record(ctx.db, id, result, now);
  return result;
}

function linkFor(event: RobotEvent, ticketId: string | null): string {
  const base = publicBaseUrl();
  if (event === 'parts_low_stock') return `${base}/parts`;
  if (event === 'explanation_pending') return `${base}/sla/pending-explanations`;
  return `${base}/tickets/${ticketId}`;
}

/** One outbox message per robot that hears of this event; a ticket's event only reaches its team's robots (and all-team ones). */
async function fanOut(ctx: TxContext, event: RobotEvent, ticketId: string | null, facts: Record<string, string>) {
  const robots = await oncePerBatch(ctx, `robots.listeners:${event}`, () =>
    ctx.tx
      .select({ id: teamRobots.id, team: teamRobots.team })
      .from(teamRobots)
      .where(and(eq(teamRobots.enabled, true), arrayContains(teamRobots.events, [event]))),
  );
  if (!robots.length) return;
  const team = ticketId ? (await loadTicket(ctx.tx, ticketId)).team : null;
  for (const r of robots) {
    if (ticketId && r.team !== null && r.team !== team) continue;
    await enqueue(ctx.tx, ctx.clock.now(), 'channels.robot_send', { robotId: r.id, event, ticketId, facts });
  }
}

export function registerRobotHandlers(outbox: OutboxRegistry): void {
  const owner = 'channels';
  outbox.handle('ticket.created', owner, async (ctx, p) => {
    if (p.priority === 'urgent') await fanOut(ctx, 'ticket_urgent', p.ticketId, { number: p.number, priority: p.priority });
  });
  outbox.handle('sla.breached', owner, (ctx, p) => fanOut(ctx, 'sla_breached', p.ticketId, { number: p.number, target: p.target, dueAt: p.dueAt }));
  outbox.handle('sla.warning', owner, (ctx, p) => fanOut(ctx, 'sla_warning', p.ticketId, { number: p.number, target: p.target, dueAt: p.dueAt }));
  outbox.handle('sla.explanation_submitted', owner, (ctx, p) => fanOut(ctx, 'explanation_pending', p.ticketId, { number: p.number }));
  outbox.handle('parts.low_stock', owner, (ctx, p) =>
    fanOut(ctx, 'parts_low_stock', null, {
      partNumber: p.partNumber,
      partName: p.partName,
      warehouseName: p.warehouseName,
      available: String(p.available),
      threshold: String(p.threshold),
    }),
  );
  // The call itself: news, not a record — a failure is shown on the robot's row, not retried for hours.
  outbox.handle(
    'channels.robot_send',
    owner,
    async (ctx, p) => {
      const [robot] = await ctx.tx.select().from(teamRobots).where(eq(teamRobots.id, p.robotId));
      if (!robot || !robot.enabled) return;
      const now = ctx.clock.now();
      const result = await post(ctx.tx, ctx.keys, robot, { event: p.event, facts: p.facts, link: linkFor(p.event, p.ticketId) }, now);
      await record(ctx.tx, robot.id, result, now);
    },
    { external: true },
  );
}
