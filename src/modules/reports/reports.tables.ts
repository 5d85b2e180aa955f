import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { IncidentKind, IncidentStatus } from '../../domain/reports/batch-failure';

const ts = () => timestamp({ withTimezone: true, precision: 3 });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

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
    /** 记录人 who registered the request (受理): the agent whose figures it counts in. */
    recorderId: uuid(),
    customerId: uuid().notNull(),
    /** 省份 of the customer now (customers module; kept by region-facts.ts when it changes). */
    province: text(),
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
    /** The request reports a safety problem (triage's safety wording, 004 §二(二)): one ticket raises an incident. */
    safetyEvent: boolean().notNull().default(false),
    updatedAt: ts().notNull(),
  },
  (t) => [
    // Period scans (a month, a year) with the filters applied to the rows read; the model index serves
    // the batch-failure window and "tickets by model".
    index('report_ticket_facts_received_idx').on(t.receivedAt),
    index('report_ticket_facts_model_idx').on(t.productModelId, t.receivedAt),
    // Per-person figures: a person's tickets of a period (owner: engineer figures; recorder: agent figures).
    index('report_ticket_facts_owner_idx').on(t.ownerId, t.receivedAt),
    index('report_ticket_facts_recorder_idx').on(t.recorderId, t.receivedAt),
    // The open backlog by age and SLA state: read from the index alone (a third of the rows are open,
    // spread over the whole history, so the heap would be read almost entirely).
    index('report_ticket_facts_open_idx')
      .on(t.receivedAt, t.slaState)
      .where(sql`is_open`),
  ],
);
export type TicketFactRow = typeof reportTicketFacts.$inferSelect;

// 应急事件 A batch failure or safety event and the emergency group's handling plan (004 §四(五)). An
// SLA subject of its own (`incident`, reports.sla-subject.ts): the plan is due 24 h after it was raised.
// One open incident per group (kind, model, batch, fault — or the ticket of a safety event): later
// tickets of the group join it instead of raising another.
export const reportIncidents = pgTable(
  'report_incidents',
  {
    id: uuid().primaryKey(),
    /** YJ + local date + the first characters of the id: what people say on the phone. */
    number: text().notNull().unique(),
    kind: text().$type<IncidentKind>().notNull(),
    status: text().$type<IncidentStatus>().notNull(),
    groupKey: text().notNull(),
    productModelId: uuid(),
    batch: text(),
    faultCategory: text(),
    /** The tickets behind it, oldest first. */
    ticketIds: jsonb().$type<string[]>().notNull(),
    raisedAt: ts().notNull(),
    plan: text(),
    planSubmittedAt: ts(),
    closedAt: ts(),
    closeReason: text(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('report_incidents_kind_check', sql`${t.kind} in ('batch_failure','safety_event')`),
    check('report_incidents_status_check', sql`${t.status} in ('open','plan_submitted','closed')`),
    uniqueIndex('report_incidents_open_group_uq')
      .on(t.groupKey)
      .where(sql`status <> 'closed'`),
    index('report_incidents_raised_idx').on(t.raisedAt),
  ],
);
export type IncidentRow = typeof reportIncidents.$inferSelect;

// 报告文件 A generated service quality report (xlsx + PDF), made in the background step by step
// (figures → xlsx → PDF, one outbox message each, so the progress is visible) and kept for download.
export const reportDocuments = pgTable(
  'report_documents',
  {
    id: uuid().primaryKey(),
    /** YYYY-MM (monthly) or YYYY-Qn (quarterly). */
    period: text().notNull(),
    fromDate: text().notNull(),
    toDate: text().notNull(),
    status: text().$type<'queued' | 'running' | 'done' | 'failed'>().notNull(),
    progress: smallint().notNull().default(0),
    figures: jsonb().$type<Record<string, unknown>>(),
    xlsx: bytea(),
    pdf: bytea(),
    requestedById: uuid(),
    createdAt: ts().notNull(),
    finishedAt: ts(),
  },
  (t) => [
    check('report_documents_status_check', sql`${t.status} in ('queued','running','done','failed')`),
    check('report_documents_progress_check', sql`${t.progress} between 0 and 100`),
    index('report_documents_created_idx').on(t.createdAt),
  ],
);
export type ReportDocumentRow = typeof reportDocuments.$inferSelect;

// 月度报告邮寄 The monthly quality report mailed to the managers on the 1st: one row per month, written
// by whichever process's worker gets there first (the primary key), so several processes make and
// mail each month's report once. The recipients are those configured when it was scheduled.
export const reportMailings = pgTable('report_mailings', {
  /** YYYY-MM: the month reported on. */
  period: text().primaryKey(),
  documentId: uuid().notNull(),
  recipients: jsonb().$type<string[]>().notNull(),
  scheduledAt: ts().notNull(),
  mailedAt: ts(),
});
