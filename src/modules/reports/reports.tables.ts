import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

// 服务质量事实表 One narrow row per ticket with everything the monthly analysis counts, kept by the
// reports module from ticket hooks and outbox events (reports.hooks.ts) and rebuilt from the other
// modules' exported reads (rebuild.ts). The dashboard aggregates these rows, never the tickets,
// clocks or repair orders, so a year of figures is one scan of a small row per ticket with no joins.
// Written only by a holder of the ticket's lock (a ticket hook), or guarded by the ticket's version
// (an outbox handler or the rebuild writes only what is at least as new as the row).
export const reportTicketFacts = pgTable(
  'report_ticket_facts',
  {
    ticketId: uuid().primaryKey(),
    ticketVersion: integer().notNull(),
    receivedAt: ts().notNull(),
    team: text(),
    ownerId: uuid(),
    customerId: uuid().notNull(),
    channel: text().notNull(),
    requestType: text().notNull(),
    priority: text(),
    productModelId: uuid(),
    productCategory: text(),
    batch: text(),
    serialUnitId: uuid(),
    status: text().notNull(),
    isOpen: boolean().notNull(),
    slaState: text().notNull(),
    responseOnTime: boolean(),
    resolutionOnTime: boolean(),
    resolvedAt: ts(),
    firstTimeFix: boolean(),
    reopened: boolean().notNull().default(false),
    repairCount: smallint().notNull().default(0),
    repairMs: bigint({ mode: 'number' }),
    waitingPartsMs: bigint({ mode: 'number' }).notNull().default(0),
    faultCategory: text(),
    /** 满意度 1–5 once follow-ups record it. */
    satisfaction: smallint(),
    safetyRelevant: boolean().notNull().default(false),
    updatedAt: ts().notNull(),
  },
  (t) => [
    // Period scans (a month, a year) with the filters applied to the rows read; the model index serves
    // the batch-failure window and "tickets by model".
    index('report_ticket_facts_received_idx').on(t.receivedAt),
    index('report_ticket_facts_model_idx').on(t.productModelId, t.receivedAt),
    index('report_ticket_facts_open_idx')
      .on(t.receivedAt)
      .where(sql`is_open`),
  ],
);
export type TicketFactRow = typeof reportTicketFacts.$inferSelect;
