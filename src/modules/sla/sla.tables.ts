import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CalendarDefinition } from '../../domain/calendar';
import type { PauseInterval, PolicyRule, TargetName, TargetSpec } from '../../domain/sla';
import type { Channel } from '../../domain/ticket/ticket.schemas';

// 工作日历 Working calendars. Built-ins live in code; a row with a built-in's id overrides it (an
// administrator adds 2027 to cn-workdays when the State Council publishes it).
export const slaCalendars = pgTable('sla_calendars', {
  id: text().primaryKey(),
  definition: jsonb().$type<CalendarDefinition>().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
  updatedById: uuid(),
});

// 服务时限策略 SLA policies, versioned: an edit inserts version n+1 under the same key; tickets keep
// the row (version) they started under.
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid().primaryKey(),
    key: text().notNull(),
    version: integer().notNull(),
    name: text().notNull(),
    description: text(),
    rules: jsonb().$type<PolicyRule[]>().notNull(),
    // Added in issue 9; rows written before keep the defaults of src/domain/sla/policy.ts.
    acknowledgedAtReceipt: jsonb()
      .$type<Channel[]>()
      .notNull()
      .default(sql`'["phone","walk_in"]'::jsonb`),
    explanationTargets: jsonb()
      .$type<TargetName[]>()
      .notNull()
      .default(sql`'["resolution"]'::jsonb`),
    isDefault: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdById: uuid(),
  },
  (t) => [uniqueIndex('sla_policies_key_version_uq').on(t.key, t.version)],
);

// 服务协议 customer contracts overriding targets for one customer.
export const customerContracts = pgTable(
  'customer_contracts',
  {
    id: uuid().primaryKey(),
    customerId: uuid().notNull(),
    name: text().notNull(),
    overrides: jsonb().$type<PolicyRule[]>().notNull(),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('customer_contracts_customer_idx').on(t.customerId)],
);

// 计时器 One clock per target and subject (progress-update intervals: one row per interval). The
// subject is what the deadline hangs on: a ticket today; a repair order (onSiteVisit), an RMA
// (returnReview, exchangeShipment), a refund (refund) or a complaint (complaintContact,
// complaintResolution) when those modules come. A subject type is lower-case letters and
// underscores: its chain key 'type:uuid' must split on the colon (src/modules/audit).
export const slaClocks = pgTable(
  'sla_clocks',
  {
    id: uuid().primaryKey(),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    target: text().notNull(),
    spec: jsonb().$type<TargetSpec>().notNull(),
    policyId: uuid(),
    status: text().$type<'running' | 'paused' | 'met' | 'breached' | 'cancelled'>().notNull(),
    startedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    pausedAt: timestamp({ withTimezone: true, precision: 3 }),
    pauses: jsonb().$type<{ from: string; to: string }[]>().notNull().default([]),
    stoppedAt: timestamp({ withTimezone: true, precision: 3 }),
    breachedAt: timestamp({ withTimezone: true, precision: 3 }),
    /** When 80 % of the budget is used (running clocks); the warning fires once, at warnedAt. */
    warnAt: timestamp({ withTimezone: true, precision: 3 }),
    warnedAt: timestamp({ withTimezone: true, precision: 3 }),
    /** When the breach was detected and acted on (≤ 2 s after dueAt is the target). */
    breachRecordedAt: timestamp({ withTimezone: true, precision: 3 }),
  },
  (t) => [
    check('sla_clocks_status_check', sql`${t.status} in ('running','paused','met','breached','cancelled')`),
    check('sla_clocks_subject_type_check', sql`${t.subjectType} ~ '^[a-z][a-z_]*$'`),
    index('sla_clocks_subject_idx').on(t.subjectType, t.subjectId),
    index('sla_clocks_due_running_idx')
      .on(t.dueAt)
      .where(sql`status = 'running'`),
    index('sla_clocks_warn_running_idx')
      .on(t.warnAt)
      .where(sql`status = 'running' and warned_at is null`),
  ],
);

// 超时说明 A breached ticket is closed only with an explanation a service manager approved.
export const timeoutExplanations = pgTable(
  'timeout_explanations',
  {
    id: uuid().primaryKey(),
    ticketId: uuid().notNull(),
    text: text().notNull(),
    status: text().$type<'pending' | 'approved' | 'rejected'>().notNull(),
    submittedById: uuid(),
    submittedAt: timestamp({ withTimezone: true }).notNull(),
    decidedById: uuid(),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [index('timeout_explanations_ticket_idx').on(t.ticketId)],
);

export type ClockRow = typeof slaClocks.$inferSelect;
export type { PauseInterval };
