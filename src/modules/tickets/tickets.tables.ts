import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Channel, Priority, RequestType } from '../../domain/ticket/ticket.schemas';
import type { SolutionType, TicketStatus } from '../../domain/ticket/ticket.status';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Open statuses as an SQL literal list. The queue's open filter is written with this same text, so
 * PostgreSQL can prove that a query's WHERE implies a partial index's predicate (it cannot with bound
 * parameters in every case). Must equal OPEN_STATUSES (checked in tickets-queue.test.ts).
 */
export const OPEN_STATUS_LIST = `('received','graded','in_progress','waiting_customer','waiting_parts')`;
/** Sort key for "priority": urgent first, ungraded last, as one descending number (index and query share it). */
export const PRIORITY_KEY = sql`(case priority when 'urgent' then 3 when 'important' then 2 when 'general' then 1 else 0 end)`;
/** Sort key for "next due": tickets with no running deadline come last (infinity), so one btree order serves it. */
export const NEXT_DUE_KEY = sql`coalesce(sla_next_due_at, 'infinity'::timestamptz)`;

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
    // 解决方案类型 and its short summary, from the resolving move (004); cleared when the ticket reopens.
    solutionType: text().$type<SolutionType>(),
    resolutionSummary: text(),
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
    check('tickets_solution_type_check', sql`${t.solutionType} is null or ${t.solutionType} in ('repair','replace','return_refund','consultation_training')`),
    check('tickets_priority_check', sql`${t.priority} is null or ${t.priority} in ('urgent','important','general')`),
    // Queue indexes (issue 10): each sort the web app offers is one btree read in order, ending in id
    // so that keyset paging (list-tickets.ts) resumes exactly; the partial ones hold only the open
    // work a tab shows (at risk, unassigned), so those tabs and their capped counts read a few
    // thousand entries, not the whole history. Every index is written on ticket creation: keep few.
    index('tickets_received_idx').on(t.receivedAt, t.id),
    index('tickets_updated_idx').on(t.updatedAt, t.id),
    index('tickets_priority_idx').on(PRIORITY_KEY, t.receivedAt, t.id),
    index('tickets_next_due_idx').on(NEXT_DUE_KEY, t.id),
    index('tickets_status_idx').on(t.status, t.receivedAt, t.id),
    index('tickets_open_idx')
      .on(t.receivedAt, t.id)
      .where(sql.raw(`status in ${OPEN_STATUS_LIST}`)),
    index('tickets_at_risk_idx')
      .on(t.receivedAt, t.id)
      .where(sql.raw(`status in ${OPEN_STATUS_LIST} and sla_state in ('warning','breached')`)),
    index('tickets_unassigned_idx')
      .on(t.receivedAt, t.id)
      .where(sql.raw(`status in ${OPEN_STATUS_LIST} and owner_id is null`)),
    index('tickets_owner_idx').on(t.ownerId, t.status),
    index('tickets_customer_idx').on(t.customerId),
    index('tickets_serial_idx').on(t.serialUnitId),
    index('tickets_search_vector_idx').using('gin', t.searchVector),
    index('tickets_search_plain_trgm').using('gin', sql`${t.searchPlain} gin_trgm_ops`),
  ],
);
