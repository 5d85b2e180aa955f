import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// 出站 Webhook 订阅: an integration (ERP, CRM) that hears of events. The signing secret is encrypted
// at rest and shown once, when the subscription is created.
export const webhookSubscriptions = pgTable('webhook_subscriptions', {
  id: uuid().primaryKey(),
  name: text().notNull(),
  url: text().notNull(),
  events: text().array().notNull(),
  secretEnc: text().notNull(),
  enabled: boolean().notNull().default(true),
  /** Failed attempts in a row, across deliveries; reset by a success or by re-enabling. */
  consecutiveFailures: integer().notNull().default(0),
  disabledAt: timestamp({ withTimezone: true }),
  disabledReason: text(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  createdBy: uuid(),
});

// 投递: one event for one subscription. The body is kept as sent, so a redelivery sends the same bytes.
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey(),
    subscriptionId: uuid()
      .notNull()
      .references(() => webhookSubscriptions.id, { onDelete: 'cascade' }),
    event: text().notNull(),
    body: text().notNull(),
    status: text().notNull(),
    attempts: integer().notNull().default(0),
    lastStatusCode: integer(),
    nextAttemptAt: timestamp({ withTimezone: true }),
    redeliveryOf: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('webhook_deliveries_status_check', sql`${t.status} in ('pending','succeeded','failed','skipped')`),
    index('webhook_deliveries_sub_idx').on(t.subscriptionId, t.createdAt),
  ],
);

// 投递日志: every attempt with the receiver's status code (null: no answer) and how long it took.
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull(),
    statusCode: integer(),
    error: text(),
    durationMs: integer().notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
