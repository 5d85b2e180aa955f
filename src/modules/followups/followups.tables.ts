import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CallOutcome, FollowupChannel, FollowupKind, FollowupStatus } from '../../domain/followup';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

/** One contact attempt on a follow-up task: a call, a visit or a survey answer. */
export interface FollowupAttempt {
  at: string;
  channel: FollowupChannel;
  outcome: CallOutcome;
  rating: number | null;
  problemSolved: boolean | null;
  comments: string;
  byId: string | null;
  byName: string;
}

// 回访任务 A follow-up task of a resolved ticket: routine (常规回访, one per resolution) or dedicated
// (专项回访, opened by a rating below 4). It belongs to its ticket and is locked after it
// (src/db/lock-order.ts step 1); its deadline is an SLA clock on the `followup` subject.
export const followupTasks = pgTable(
  'followup_tasks',
  {
    id: uuid().primaryKey(),
    ticketId: uuid().notNull(),
    /** The ticket's number (never changes), so the list finds a task by it without the tickets table. */
    ticketNumber: text().notNull().default(''),
    kind: text().$type<FollowupKind>().notNull(),
    status: text().$type<FollowupStatus>().notNull(),
    /** The routine follow-up whose low rating opened this dedicated one. */
    parentId: uuid(),
    /** The agent who calls: the ticket's owner when it was resolved, else any agent takes it. */
    agentId: uuid(),
    /** The ticket's grade at resolution (urgent: called within 12 h). */
    priority: text(),
    resolvedAt: ts().notNull(),
    /** When calling makes sense (24 h after resolution; urgent at once). */
    callFrom: ts().notNull(),
    rating: integer(),
    satisfied: boolean(),
    problemSolved: boolean(),
    comments: text(),
    attempts: jsonb().$type<FollowupAttempt[]>().notNull().default([]),
    closeReason: text(),
    completedAt: ts(),
    createdAt: ts().notNull(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('followup_tasks_kind_check', sql`${t.kind} in ('routine','special')`),
    check('followup_tasks_status_check', sql`${t.status} in ('pending','completed','closed','cancelled')`),
    check('followup_tasks_rating_check', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    // One open follow-up of each kind per ticket: a resolution never gets two routine calls.
    uniqueIndex('followup_tasks_open_uq')
      .on(t.ticketId, t.kind)
      .where(sql`${t.status} = 'pending'`),
    index('followup_tasks_queue_idx').on(t.status, t.callFrom),
    index('followup_tasks_ticket_idx').on(t.ticketId),
  ],
);
export type FollowupRow = typeof followupTasks.$inferSelect;
