import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { WarrantyCause } from '../../domain/warranty/warranty-decision';

/**
 * 除外责任证据 The proof behind a 三包 exclusion on a ticket (人为损坏 and the other causes the law
 * excludes): the cause, a note of what was found and the ticket's photos/attachments that show it. Each
 * record is kept (a correction adds a row); the newest is the one the ticket's decision cites.
 */
export const warrantyExclusions = pgTable(
  'warranty_exclusions',
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid().notNull(),
    serialUnitId: uuid(),
    cause: text().$type<WarrantyCause>().notNull(),
    note: text().notNull(),
    /** Ids of the ticket's attachments (photos of the damage, the opened seal …). */
    attachmentIds: jsonb().$type<string[]>().notNull().default([]),
    recordedById: uuid().notNull(),
    recordedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('warranty_exclusions_ticket_idx').on(t.ticketId, t.createdAt),
    check('warranty_exclusions_cause_check', sql`${t.cause} in ('misuse','poor_storage','force_majeure','unauthorised_disassembly','no_proof')`),
  ],
);
