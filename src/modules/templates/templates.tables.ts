import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 消息模板 What a customer-facing message says, per event (key), channel and language. A row only
// exists when an admin changed the built-in wording (templates.defaults.ts, domain/mail/channel-templates.ts).
// SMS rows hold the wording as registered with the gateway (body); robot rows the card's title
// (subject), its `标签：内容` lines (body) and button.
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid().primaryKey(),
    key: text().notNull(),
    channel: text().$type<'email' | 'sms' | 'robot'>().notNull(),
    locale: text().$type<'zh-CN' | 'en'>().notNull(),
    subject: text().notNull().default(''),
    body: text().notNull(),
    /** A robot card's button text; empty for e-mail and SMS. */
    button: text().notNull().default(''),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedById: uuid(),
  },
  (t) => [
    uniqueIndex('message_templates_key_uq').on(t.key, t.channel, t.locale),
    check('message_templates_channel_check', sql`${t.channel} in ('email','sms','robot')`),
    check('message_templates_locale_check', sql`${t.locale} in ('zh-CN','en')`),
  ],
);

// 常用回复 Reply macros: text an agent inserts into a reply, with the same variables.
export const replyMacros = pgTable(
  'reply_macros',
  {
    id: uuid().primaryKey(),
    title: text().notNull(),
    body: text().notNull(),
    createdById: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('reply_macros_title_uq').on(t.title), index('reply_macros_updated_idx').on(t.updatedAt)],
);
