import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PrivacyRequestKind, PrivacyRequestStatus } from '../../domain/privacy/request';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

// 个人信息权利请求 A customer's request under PIPL Arts 45–47; its answer is due on an SLA clock
// (subject privacy_request). It names the customer by id only, so an erased customer leaves nothing here.
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: uuid().primaryKey(),
    /** GR + local date + the first characters of the id. */
    number: text().notNull().unique(),
    customerId: uuid().notNull(),
    kind: text().$type<PrivacyRequestKind>().notNull(),
    status: text().$type<PrivacyRequestStatus>().notNull(),
    /** How the customer asked (phone, mail, letter, portal) — no personal data. */
    channel: text().notNull(),
    receivedAt: ts().notNull(),
    verifiedAt: ts(),
    /** How identity was checked (e.g. "回拨登记电话"), written by the one who verified. */
    verification: text(),
    doneAt: ts(),
    refusedReason: text(),
    /**
     * A done erasure: the chained events that still hold the person's data in clear because they were
     * written before crypto-shredding (never rewritten); empty when the erasure is complete.
     */
    erasureResidue: jsonb().$type<{ subjectType: string; subjectId: string; seq: number; type: string }[]>(),
    /** A done erasure: how many of each kind it anonymised (the same counts its audit event holds). */
    erasureCounts: jsonb().$type<Record<string, number>>(),
    createdById: uuid(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('privacy_requests_kind_check', sql`${t.kind} in ('access','export','erasure')`),
    check('privacy_requests_status_check', sql`${t.status} in ('received','verified','done','refused')`),
    index('privacy_requests_customer_idx').on(t.customerId),
    index('privacy_requests_received_idx').on(t.receivedAt),
  ],
);
export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;

// 清理记录 One purge run (CLI or admin-triggered): progress while it runs, then what it removed — the
// same counts and ids its audit event holds.
export const purgeRuns = pgTable(
  'privacy_purge_runs',
  {
    id: uuid().primaryKey(),
    status: text().$type<'running' | 'done' | 'failed'>().notNull(),
    /** The local day the run applied the retention rules for. */
    today: text().notNull(),
    progress: integer().notNull().default(0),
    /** Tickets purged, tickets refused (kept), mails and attachments touched; ids of the purged tickets. */
    result: jsonb().$type<PurgeResult>().notNull(),
    startedById: uuid(),
    startedAt: ts().notNull(),
    finishedAt: ts(),
    error: text(),
  },
  (t) => [check('privacy_purge_runs_status_check', sql`${t.status} in ('running','done','failed')`), index('privacy_purge_runs_started_idx').on(t.startedAt)],
);
export type PurgeRunRow = typeof purgeRuns.$inferSelect;

export interface PurgeResult {
  /** Candidates looked at. */
  examined: number;
  /** Kept by the retention rules (safety-related, or still inside the period) — never touched. */
  kept: { safety: number; inPeriod: number };
  purged: { tickets: number; mailRaw: number; attachmentFiles: number };
  ticketIds: string[];
  /** Attachment files (by hash) whose rows were purged, deleted after the last batch committed. */
  filesPending: string[];
}
