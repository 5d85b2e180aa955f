import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Channel, Priority, RequestType } from '../../domain/ticket/ticket.schemas';
import type { TicketStatus } from '../../domain/ticket/ticket.status';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const tickets = pgTable(
  'tickets',
  {
    id: uuid().primaryKey(),
    number: text().notNull().unique(), // WX20261122001
    channel: text().$type<Channel>().notNull(),
    requestType: text().$type<RequestType>().notNull(),
    status: text().$type<TicketStatus>().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    priority: text().$type<Priority>(),
    priorityReason: text(),
    gradedById: uuid(),
    gradedAt: timestamp({ withTimezone: true }),
    customerUrgency: text().$type<Priority>(),
    customerId: uuid().notNull(),
    contactId: uuid(),
    serialUnitId: uuid(),
    productModelId: uuid(),
    occurredAt: timestamp({ withTimezone: true }),
    environment: text(),
    triedSteps: text(),
    recorderId: uuid(), // 记录人
    ownerId: uuid(), // 服务责任人
    team: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    resolvedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    // SLA summary, maintained by the SLA module through setTicketSlaSummary(): the queue sorts and
    // filters on it without reading clocks.
    slaPolicyId: uuid(),
    slaState: text().$type<'none' | 'running' | 'warning' | 'paused' | 'breached' | 'met'>().notNull().default('none'),
    slaNextDueAt: timestamp({ withTimezone: true, precision: 3 }),
    slaBreached: boolean().notNull().default(false),
    /** Raw searchable text (number, customer, serial, description, replies) for pg_trgm substrings, capped (search.ts). */
    searchPlain: text().notNull().default(''),
    /**
     * Distinct words of the ticket's text (jieba), space-separated; replies are merged in, not re-read.
     * Capped well below PostgreSQL's tsvector limits (search.ts), so no text can make a write fail.
     */
    searchWords: text().notNull().default(''),
    // Lexemes are taken as-is (array_to_tsvector), so the result does not depend on the server's locale.
    searchVector: tsvector().generatedAlwaysAs((): SQL => sql`array_to_tsvector(string_to_array(${tickets.searchWords}, ' '))`),
  },
  (t) => [
    check(
      'tickets_status_check',
      sql`${t.status} in ('received','graded','in_progress','waiting_customer','waiting_parts','resolved','followed_up','closed','cancelled')`,
    ),
    check('tickets_priority_check', sql`${t.priority} is null or ${t.priority} in ('urgent','important','general')`),
    index('tickets_status_idx').on(t.status, t.createdAt),
    index('tickets_owner_idx').on(t.ownerId, t.status),
    index('tickets_customer_idx').on(t.customerId),
    index('tickets_serial_idx').on(t.serialUnitId),
    index('tickets_created_idx').on(t.createdAt),
    index('tickets_sla_next_due_idx').on(t.slaNextDueAt),
    index('tickets_search_vector_idx').using('gin', t.searchVector),
    index('tickets_search_plain_trgm').using('gin', sql`${t.searchPlain} gin_trgm_ops`),
  ],
);
