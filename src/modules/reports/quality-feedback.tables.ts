import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FeedbackStatus } from '../../domain/reports/quality-feedback';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/** 质量反馈 Quality feedback reports to production, one or more per incident (report_incidents). */
export const reportQualityFeedback = pgTable(
  'report_quality_feedback',
  {
    id: uuid().primaryKey(),
    incidentId: uuid().notNull(),
    status: text().$type<FeedbackStatus>().notNull(),
    symptom: text().notNull(),
    frequency: text().notNull(),
    scope: text().notNull(),
    affectedUnits: integer().notNull(),
    evidence: text().notNull().default(''),
    /** Production's improvement plan (改进方案) and the local date from which the fix applies. */
    plan: text(),
    fixDate: text(),
    sentAt: ts(),
    plannedAt: ts(),
    verifiedAt: ts(),
    createdById: uuid(),
    createdAt: ts().notNull(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('report_quality_feedback_status_check', sql`${t.status} in ('draft','sent','planned','verified','withdrawn')`),
    index('report_quality_feedback_incident_idx').on(t.incidentId),
  ],
);
export type QualityFeedbackRow = typeof reportQualityFeedback.$inferSelect;
