import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { and, arrayContains, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, AppContext, TxContext } from '../../context';
import { AppError, notFound } from '../../domain/shared/errors';
import type { TopicName } from '../../jobs/catalogue';
import { enqueue, oncePerBatch, type OutboxRegistry, type TopicHandler } from '../../jobs/outbox';
import { recordSettingsChange } from '../audit/settings-audit';
import { describeFailure, outboundRequest } from '../channels/outbound-http';
import { refuseAddress } from '../channels/sms.service';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-schedule';
import { webhookAttempts, webhookDeliveries, webhookSubscriptions } from './webhooks.tables';

/*
 * 出站 Webhook — how a receiver checks a delivery (also in the README):
 *   POST <url>, Content-Type: application/json
 *   X-Shouhou-Event: ticket.created            X-Shouhou-Delivery: <delivery uuid>
 *   X-Shouhou-Timestamp: <unix seconds>        X-Shouhou-Signature: sha256=<hex>
 * where hex = HMAC-SHA256(key = the subscription's secret, message = `${timestamp}.${raw body}`).
 * Reject a timestamp more than 5 minutes old (replay). Body: { id, event, createdAt, data }, where
 * data is the event's outbox payload (ids and numbers, no personal data).
 * A 2xx answer is success; anything else (or no answer within 5 s) is retried after 30 s, 2 min,
 * 8 min, 32 min, 2 h (6 attempts in all). After 10 failed attempts in a row the subscription is
 * switched off; an admin switches it back on and can redeliver any delivery by hand.
 */

/** The events a subscription can hear of: every announced business event of the catalogue. */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.assigned',
  'sla.warning',
  'sla.breached',
  'sla.explanation_submitted',
  'parts.low_stock',
  'repair.dispatched',
  'repair.dispatch_refused',
  'repair.exchange_option_raised',
] as const satisfies readonly TopicName[];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const DISABLE_AFTER_FAILURES = 10;
const TIMEOUT_MS = 5000;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

function view(r: SubscriptionRow) {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    events: r.events as WebhookEvent[],
    enabled: r.enabled,
    consecutiveFailures: r.consecutiveFailures,
    disabledAt: r.disabledAt,
    disabledReason: r.disabledReason,
    createdAt: r.createdAt,
  };
}

export async function listSubscriptions(ctx: AppContext) {
  return (await ctx.db.select().from(webhookSubscriptions).orderBy(asc(webhookSubscriptions.createdAt))).map(view);
}

async function loadSubscription(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id));
  if (!row) throw notFound('webhook subscription', id);
  return row;
}

/** Creates a subscription; the secret is in this answer and in no other (store it at the receiver now). */
export async function createSubscription(ctx: AppContext, input: { name: string; url: string; events: WebhookEvent[] }, actor: Actor) {
  refuseAddress('url', input.url);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        id: randomUUID(),
        name: input.name,
        url: input.url,
        events: [...new Set(input.events)],
        secretEnc: ctx.keys.encrypt(secret),
        createdAt: ctx.clock.now(),
        createdBy: actor.id,
      })
      .returning();
    const shown = view(row!);
    await recordSettingsChange(tx, ctx, actor, {
      area: 'webhook',
      action: 'created',
      target: { id: shown.id, name: shown.name },
      after: plainSubscription(shown),
      secretsChanged: ['secret'],
    });
    return { ...shown, secret };
  });
}

/** A subscription's fields as the change record keeps them (the signing secret never). */
function plainSubscription(v: ReturnType<typeof view>) {
  return { name: v.name, url: v.url, events: v.events, enabled: v.enabled };
}

/** Edits; switching a subscription back on clears its failure count. */
export async function updateSubscription(
  ctx: AppContext,
  id: string,
  patch: { name?: string | undefined; url?: string | undefined; events?: WebhookEvent[] | undefined; enabled?: boolean | undefined },
  actor: Actor,
) {
  if (patch.url) refuseAddress('url', patch.url);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).for('update');
    if (!current) throw notFound('webhook subscription', id);
    const reenabled = patch.enabled === true && !current.enabled;
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.events !== undefined ? { events: [...new Set(patch.events)] } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(reenabled ? { consecutiveFailures: 0, disabledAt: null, disabledReason: null } : {}),
      })
      .where(eq(webhookSubscriptions.id, id))
      .returning();
    const shown = view(row!);
    await recordSettingsChange(tx, ctx, actor, {
      area: 'webhook',
      action: 'updated',
      target: { id, name: shown.name },
      before: plainSubscription(view(current)),
      after: plainSubscription(shown),
    });
    return shown;
  });
}

export async function deleteSubscription(ctx: AppContext, id: string, actor: Actor) {
  await ctx.db.transaction(async (tx) => {
    const [old] = await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, id)).returning();
    if (!old) throw notFound('webhook subscription', id);
    const shown = view(old);
    await recordSettingsChange(tx, ctx, actor, { area: 'webhook', action: 'deleted', target: { id, name: shown.name }, before: plainSubscription(shown) });
  });
}

/** 投递日志: the newest deliveries of a subscription, each with its attempts and their status codes. */
export async function listDeliveries(ctx: AppContext, subscriptionId: string, limit = 50) {
  await loadSubscription(ctx, subscriptionId);
  const deliveries = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.subscriptionId, subscriptionId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const ids = deliveries.map((d) => d.id);
  const attempts = ids.length
    ? await ctx.db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ids)).orderBy(asc(webhookAttempts.id))
    : [];
  return deliveries.map((d) => ({
    id: d.id,
    event: d.event,
    status: d.status as 'pending' | 'succeeded' | 'failed' | 'skipped',
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    nextAttemptAt: d.nextAttemptAt,
    redeliveryOf: d.redeliveryOf,
    createdAt: d.createdAt,
    finishedAt: d.finishedAt,
    body: d.body,
    log: attempts.filter((a) => a.deliveryId === d.id).map((a) => ({ at: a.at, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  }));
}

/** 手动重新投递: the same body again, as a new delivery (its own log), sent by the worker at once. */
export async function redeliver(ctx: AppContext, subscriptionId: string, deliveryId: string) {
  const sub = await loadSubscription(ctx, subscriptionId);
  const [original] = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.subscriptionId, subscriptionId)));
  if (!original) throw notFound('webhook delivery', deliveryId);
  if (!sub.enabled) {
    throw new AppError('conflict', {
      userMessage: { zh: '订阅已停用：请先启用再重新投递', en: 'The subscription is switched off: switch it on before redelivering' },
    });
  }
  return ctx.db.transaction(async (tx) => {
    const id = randomUUID();
    const now = ctx.clock.now();
    await tx.insert(webhookDeliveries).values({
      id,
      subscriptionId,
      event: original.event,
      body: original.body,
      status: 'pending',
      redeliveryOf: original.id,
      createdAt: now,
      nextAttemptAt: now,
    });
    await enqueue(tx, now, 'webhooks.deliver', { deliveryId: id });
    return { id };
  });
}

/** One delivery per subscription that hears of the event, each sent by its own outbox message. */
async function fanOut(ctx: TxContext, event: WebhookEvent, data: Record<string, unknown>, messageId: number) {
  const subs = await oncePerBatch(ctx, `webhooks.subscribers:${event}`, () =>
    ctx.tx
      .select({ id: webhookSubscriptions.id })
      .from(webhookSubscriptions)
      .where(and(eq(webhookSubscriptions.enabled, true), arrayContains(webhookSubscriptions.events, [event]))),
  );
  const now = ctx.clock.now();
  for (const s of subs) {
    const id = randomUUID();
    // The event's own id (the outbox message) lets a receiver drop a duplicate of a redelivery.
    const body = JSON.stringify({ id: `evt_${messageId}`, event, createdAt: now.toISOString(), data });
    await ctx.tx.insert(webhookDeliveries).values({ id, subscriptionId: s.id, event, body, status: 'pending', createdAt: now, nextAttemptAt: now });
    await enqueue(ctx.tx, now, 'webhooks.deliver', { deliveryId: id });
  }
}

async function attempt(ctx: TxContext, deliveryId: string): Promise<void> {
  const [d] = await ctx.tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).for('update');
  if (!d || d.status !== 'pending') return;
  const [sub] = await ctx.tx.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, d.subscriptionId)).for('update');
  const now = ctx.clock.now();
  if (!sub || !sub.enabled) {
    await ctx.tx.update(webhookDeliveries).set({ status: 'skipped', finishedAt: now, nextAttemptAt: null }).where(eq(webhookDeliveries.id, d.id));
    return;
  }
  const timestamp = Math.floor(now.getTime() / 1000);
  let statusCode: number | null = null;
  let retryAfter: string | null = null;
  let error: string | null = null;
  let durationMs = 0;
  try {
    const res = await outboundRequest(sub.url, {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'shouhou-webhooks/1',
        'x-shouhou-event': d.event,
        'x-shouhou-delivery': d.id,
        'x-shouhou-timestamp': String(timestamp),
        'x-shouhou-signature': signWebhook(ctx.keys.decrypt(sub.secretEnc), timestamp, d.body),
      },
      body: d.body,
      timeoutMs: TIMEOUT_MS,
    });
    statusCode = res.status;
    retryAfter = res.retryAfter;
    durationMs = res.durationMs;
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (err) {
    error = describeFailure(err);
  }
  await ctx.tx.insert(webhookAttempts).values({ deliveryId: d.id, at: now, statusCode, error, durationMs });
  const attempts = d.attempts + 1;
  if (!error) {
    await ctx.tx
      .update(webhookDeliveries)
      .set({ status: 'succeeded', attempts, lastStatusCode: statusCode, finishedAt: now, nextAttemptAt: null })
      .where(eq(webhookDeliveries.id, d.id));
    await ctx.tx.update(webhookSubscriptions).set({ consecutiveFailures: 0 }).where(eq(webhookSubscriptions.id, sub.id));
    return;
  }
  const failures = sub.consecutiveFailures + 1;
  const disable = failures >= DISABLE_AFTER_FAILURES;
  await ctx.tx
    .update(webhookSubscriptions)
    .set({
      consecutiveFailures: failures,
      ...(disable ? { enabled: false, disabledAt: now, disabledReason: `${failures} 次连续投递失败 / ${failures} failed attempts in a row` } : {}),
    })
    .where(eq(webhookSubscriptions.id, sub.id));
  const last = attempts >= MAX_ATTEMPTS || disable;
  const answer = statusCode === null ? null : { status: statusCode, retryAfter };
  const next = last ? null : new Date(now.getTime() + retryDelayMs(attempts, answer, now));
  await ctx.tx
    .update(webhookDeliveries)
    .set({ status: last ? 'failed' : 'pending', attempts, lastStatusCode: statusCode, nextAttemptAt: next, finishedAt: last ? now : null })
    .where(eq(webhookDeliveries.id, d.id));
  if (next) await enqueue(ctx.tx, next, 'webhooks.deliver', { deliveryId: d.id });
  if (disable) {
    // The subscription's other waiting deliveries will not be tried either: say so in their log.
    await ctx.tx
      .update(webhookDeliveries)
      .set({ status: 'skipped', finishedAt: now, nextAttemptAt: null })
      .where(and(eq(webhookDeliveries.subscriptionId, sub.id), eq(webhookDeliveries.status, 'pending'), sql`${webhookDeliveries.id} <> ${d.id}`));
  }
}

export function registerWebhookHandlers(outbox: OutboxRegistry): void {
  for (const event of WEBHOOK_EVENTS) {
    const handler: TopicHandler<WebhookEvent> = (ctx, payload, message) => fanOut(ctx, event, payload as Record<string, unknown>, message.id);
    outbox.handle(event, 'webhooks', handler as never);
  }
  // Network calls: isolated per message, so another message's failure never sends one twice.
  outbox.handle('webhooks.deliver', 'webhooks', (ctx, p) => attempt(ctx, p.deliveryId), { external: true });
}
