import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// 审计轨迹 audit trail and ticket timeline in one append-only table. Each row is chained by hash to
// the previous row of the same subject (a ticket, a customer, a user …), so tampering shows up in
// `cli audit verify`, while writes on different subjects never wait for each other.
export const events = pgTable(
  'events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    seq: integer().notNull(),
    type: text().notNull(),
    actorId: uuid(),
    actorName: text(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    /** 'public' events are visible to the customer; 'internal' ones only to staff. */
    visibility: text().notNull().default('internal'),
    body: text(),
    data: jsonb().$type<Record<string, unknown>>(),
    prevHash: text(),
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex('events_subject_seq_uq').on(t.subjectType, t.subjectId, t.seq),
    index('events_type_at_idx').on(t.type, t.at),
  ],
);
