import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ComplaintGrade, ComplaintStatus, DisputeStage, DisputeStatus } from '../../domain/complaint';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/** 投诉回访 One follow-up of a handled complaint (000: within 3 wd; not satisfied → handled again). */
export interface ComplaintFollowup {
  at: string;
  round: number;
  satisfied: boolean;
  rating: number | null;
  comments: string;
  byId: string | null;
  byName: string;
}

// 投诉 A complaint: its own subject with its own clocks (contact 1 h, resolution 3 / 7 wd, follow-up
// 3 wd) and its own audit chain. It names the tickets, repair orders and RMAs it is about by id only
// (their modules own them).
export const complaints = pgTable(
  'complaints',
  {
    id: uuid().primaryKey(),
    /** TS20261120-1A2B3C */
    number: text().notNull().unique(),
    customerId: uuid().notNull(),
    /** The complainant, a contact of the customer (personal data stays encrypted in the customers module). */
    contactId: uuid(),
    channel: text().notNull(),
    purchaseInfo: text().notNull().default(''),
    description: text().notNull(),
    status: text().$type<ComplaintStatus>().notNull(),
    grade: text().$type<ComplaintGrade>(),
    gradeReason: text(),
    contactNote: text(),
    contactedAt: ts(),
    handlingSummary: text(),
    handledAt: ts(),
    /** Times it was handled (1 + reassessments). */
    round: integer().notNull().default(1),
    /** When the current round started: receipt, or the reassessment after an unsatisfied follow-up. */
    roundStartedAt: ts().notNull(),
    followups: jsonb().$type<ComplaintFollowup[]>().notNull().default([]),
    ticketIds: jsonb().$type<string[]>().notNull().default([]),
    repairIds: jsonb().$type<string[]>().notNull().default([]),
    rmaIds: jsonb().$type<string[]>().notNull().default([]),
    ownerId: uuid(),
    receivedAt: ts().notNull(),
    closedAt: ts(),
    closeReason: text(),
    createdAt: ts().notNull(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('complaints_status_check', sql`${t.status} in ('received','contacted','handling','handled','satisfied','escalated','withdrawn')`),
    check('complaints_grade_check', sql`${t.grade} is null or ${t.grade} in ('general','complex')`),
    index('complaints_status_idx').on(t.status, t.receivedAt),
    index('complaints_customer_idx').on(t.customerId),
  ],
);
export type ComplaintRow = typeof complaints.$inferSelect;

// 调解机构名录 The maintained list of mediation bodies (000 §争议处理: a published mediation body).
export const mediationBodies = pgTable('mediation_bodies', {
  id: uuid().primaryKey(),
  name: text().notNull().unique(),
  kind: text().notNull(),
  contact: text().notNull().default(''),
  address: text().notNull().default(''),
  active: boolean().notNull().default(true),
  createdAt: ts().notNull(),
});
export type MediationBodyRow = typeof mediationBodies.$inferSelect;

export interface NegotiationEntry {
  at: string;
  party: 'company' | 'customer';
  kind: 'offer' | 'answer';
  text: string;
  amountFen: number | null;
  byName: string;
}
export interface StageRecord {
  startedAt: string;
  endedAt: string | null;
  /** Mediation body, arbitration commission or court (negotiation: null). */
  body: string | null;
  bodyId: string | null;
  caseNumber: string | null;
  dates: string[];
  outcome: string | null;
  result: string | null;
}
export interface DisputeDocument {
  id: string;
  stage: DisputeStage;
  title: string;
  attachmentId: string | null;
  /** The uploaded file's name (absent in documents registered before uploads). */
  fileName?: string | null;
  note: string;
  at: string;
  byName: string;
}

// 争议 A complaint escalated into a dispute: negotiation → mediation → arbitration or litigation.
// It belongs to its complaint and is locked after it (src/db/lock-order.ts step 1).
export const disputes = pgTable(
  'disputes',
  {
    id: uuid().primaryKey(),
    complaintId: uuid().notNull(),
    number: text().notNull().unique(),
    status: text().$type<DisputeStatus>().notNull(),
    reason: text().notNull(),
    customerClaim: text().notNull(),
    negotiation: jsonb().$type<NegotiationEntry[]>().notNull().default([]),
    stages: jsonb().$type<Partial<Record<DisputeStage, StageRecord>>>().notNull().default({}),
    documents: jsonb().$type<DisputeDocument[]>().notNull().default([]),
    openedAt: ts().notNull(),
    concludedAt: ts(),
    endReason: text(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('disputes_status_check', sql`${t.status} in ('negotiation','mediation','arbitration','litigation','concluded','withdrawn')`),
    uniqueIndex('disputes_complaint_uq').on(t.complaintId),
  ],
);
export type DisputeRow = typeof disputes.$inferSelect;
