import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 短信网关设置: one row (id = 1), the gateway in use. The AccessKey secret is encrypted at rest with
// the keyring (src/security/keyring.ts) and never leaves the server once saved.
export const smsSettings = pgTable(
  'sms_settings',
  {
    id: integer().primaryKey(),
    provider: text().notNull(),
    accessKeyId: text().notNull(),
    accessKeySecretEnc: text().notNull(),
    signName: text().notNull(),
    templateCode: text().notNull(),
    templateNotice: text().notNull(),
    appId: text(),
    region: text(),
    endpoint: text(),
    enabled: boolean().notNull().default(true),
    /** 状态通知事件 (src/domain/mail/sms-notices.ts): which customer-facing events send a status notice. */
    noticeEvents: text()
      .array()
      .notNull()
      .default(sql`'{received,resolved}'::text[]`),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: uuid(),
  },
  (t) => [check('sms_settings_singleton', sql`${t.id} = 1`), check('sms_settings_provider_check', sql`${t.provider} in ('aliyun','tencent')`)],
);

// 短信记录: each SMS asked for, its state at the gateway. The number and the template values (a
// one-time code among them) are personal data: encrypted.
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid().primaryKey(),
    purpose: text().notNull(),
    phoneEnc: text().notNull(),
    paramsEnc: text().notNull(),
    /** The text as the customer reads it (a one-time code masked); null on rows from before templates. */
    textEnc: text(),
    status: text().notNull(),
    provider: text(),
    providerMessageId: text(),
    error: text(),
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    /** The ticket a status notice is about (the ticket page lists them); null for codes and tests. */
    ticketId: uuid(),
    /** `outbox:<message id>` of the event that asked for the notice: redelivered, it finds this row and sends nothing. */
    dedupeKey: text(),
  },
  (t) => [
    index('sms_messages_ticket_idx').on(t.ticketId),
    uniqueIndex('sms_messages_dedupe_uq').on(t.dedupeKey),
    check('sms_messages_purpose_check', sql`${t.purpose} in ('code','notice')`),
    check('sms_messages_status_check', sql`${t.status} in ('queued','sent','failed')`),
    index('sms_messages_created_idx').on(t.createdAt),
  ],
);

// 群机器人: a team's group robot in 企业微信 / 钉钉 / 飞书 and the events it announces. The webhook
// address carries the robot's key or access token, so it is encrypted like the signing secret.
export const teamRobots = pgTable(
  'team_robots',
  {
    id: uuid().primaryKey(),
    /** The team (users.team / tickets.team) whose tickets it announces; null: every team. */
    team: text(),
    platform: text().notNull(),
    name: text().notNull(),
    webhookUrlEnc: text().notNull(),
    /** 加签 secret (DingTalk, Feishu); null when the robot has signing switched off. */
    secretEnc: text(),
    events: text().array().notNull(),
    enabled: boolean().notNull().default(true),
    lastStatus: text(),
    lastError: text(),
    lastSentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('team_robots_platform_check', sql`${t.platform} in ('wecom','dingtalk','feishu')`)],
);
