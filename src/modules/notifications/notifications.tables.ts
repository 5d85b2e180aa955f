import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 站内通知 in-app notifications, written by outbox handlers after the business change committed.
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().notNull(),
    kind: text().notNull(),
    ticketId: uuid(),
    /** What to say, worded in the reader's language when read (src/domain/notification). */
    params: jsonb().$type<Record<string, unknown>>(),
    /** Chinese-only text of rows written before `params`; new rows leave it empty. */
    title: text(),
    body: text(),
    /** Makes delivery idempotent: an outbox message retried after a crash notifies once. */
    dedupeKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('notifications_dedupe_uq').on(t.userId, t.dedupeKey), index('notifications_user_idx').on(t.userId, t.createdAt)],
);

// 邮件提醒设置 Which of a staff user's in-app notifications also come by e-mail, and to which address.
// The address is the person's own (work) mail, kept encrypted like every address we store.
export const notificationMailPrefs = pgTable('notification_mail_prefs', {
  userId: uuid().primaryKey(),
  addressEnc: text(),
  /** Notification kinds (src/domain/notification) to mail; empty: none. */
  kinds: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});
