import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { ADMIN, currentActor } from '../../http/auth';
import { noContent } from '../../http/contract';
import { createSubscription, deleteSubscription, listDeliveries, listSubscriptions, redeliver, updateSubscription, WEBHOOK_EVENTS } from './webhooks.service';

const events = z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length);
const subscriptionOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    enabled: z.boolean(),
    consecutiveFailures: z.number(),
    disabledAt: z.date().nullable(),
    disabledReason: z.string().nullable().describe('Why it was switched off automatically'),
    createdAt: z.date(),
  })
  .meta({ id: 'WebhookSubscription' });
const deliveryOut = z
  .object({
    id: z.uuid(),
    event: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed', 'skipped']),
    attempts: z.number(),
    lastStatusCode: z.number().nullable(),
    nextAttemptAt: z.date().nullable(),
    redeliveryOf: z.uuid().nullable(),
    createdAt: z.date(),
    finishedAt: z.date().nullable(),
    body: z.string().describe('The JSON body as sent'),
    log: z.array(z.object({ at: z.date(), statusCode: z.number().nullable(), error: z.string().nullable(), durationMs: z.number() })),
  })
  .meta({ id: 'WebhookDelivery' });

// 出站 Webhook 订阅 — administrators only (a subscription sends business events out of the building).
export function webhookRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['webhooks'];
    const webhookId = z.object({ webhookId: z.uuid() });
    app.get(
      '/webhooks',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'listWebhooks',
          tags,
          summary: 'Webhook 订阅 The webhook subscriptions',
          response: { 200: z.object({ items: z.array(subscriptionOut) }) },
        },
      },
      async () => ({ items: await listSubscriptions(ctx) }),
    );
    app.post(
      '/webhooks',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'createWebhook',
          tags,
          summary: '新建 Webhook 订阅 Subscribe an address; the signing secret is in this answer only',
          body: z.object({ name: z.string().trim().min(1).max(64), url: z.string().trim().min(1).max(2000), events }),
          response: { 201: subscriptionOut.extend({ secret: z.string().describe('Shown once: store it at the receiver') }) },
        },
      },
      async (req, reply) => reply.status(201).send(await createSubscription(ctx, req.body, currentActor(req))),
    );
    app.patch(
      '/webhooks/:webhookId',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'updateWebhook',
          tags,
          summary: '修改 / 启用 / 停用 Change, switch on (clears the failure count) or off a subscription',
          params: webhookId,
          body: z
            .object({
              name: z.string().trim().min(1).max(64).optional(),
              url: z.string().trim().min(1).max(2000).optional(),
              events: events.optional(),
              enabled: z.boolean().optional(),
            })
            // An empty change is a mistake of the caller, not a no-op to answer 200.
            .refine((v) => Object.values(v).some((x) => x !== undefined), { message: '没有要修改的内容 Nothing to change' }),
          response: { 200: subscriptionOut },
        },
      },
      async (req) => updateSubscription(ctx, req.params.webhookId, req.body, currentActor(req)),
    );
    app.delete(
      '/webhooks/:webhookId',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'deleteWebhook',
          tags,
          summary: '删除订阅 Remove a subscription and its log',
          params: webhookId,
          response: { 204: noContent('Removed') },
        },
      },
      async (req, reply) => {
        await deleteSubscription(ctx, req.params.webhookId, currentActor(req));
        return reply.status(204).send();
      },
    );
    app.get(
      '/webhooks/:webhookId/deliveries',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'listWebhookDeliveries',
          tags,
          summary: '投递日志 The newest deliveries with every attempt’s response code',
          params: webhookId,
          response: { 200: z.object({ items: z.array(deliveryOut) }) },
        },
      },
      async (req) => ({ items: await listDeliveries(ctx, req.params.webhookId) }),
    );
    app.post(
      '/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
      {
        config: { access: ADMIN },
        schema: {
          operationId: 'redeliverWebhook',
          tags,
          summary: '重新投递 Send a delivery’s body again, as a new delivery',
          params: webhookId.extend({ deliveryId: z.uuid() }),
          response: { 202: z.object({ id: z.uuid().describe('The new delivery') }) },
        },
      },
      async (req, reply) => reply.status(202).send(await redeliver(ctx, req.params.webhookId, req.params.deliveryId)),
    );
  };
}
