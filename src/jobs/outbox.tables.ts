import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// 发件箱 transactional outbox: written in the same transaction as the business change, delivered by
// a worker after commit (FOR UPDATE SKIP LOCKED, so several server processes never deliver twice).
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    topic: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    availableAt: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.availableAt)
      .where(sql`delivered_at is null`),
    // The batches of a durable job (a calendar's recompute) name their job: its progress is read by it.
    index('outbox_job_idx')
      .on(sql`((${t.payload}->>'jobId')::bigint)`)
      .where(sql`${t.payload} ? 'jobId'`),
  ],
);
