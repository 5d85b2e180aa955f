import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { RefundDueRule } from '../../domain/refund/refund-due';
import type { RefundLine } from '../../domain/refund/refund-amount';
import type { RefundStatus } from '../../domain/refund/refund.status';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

export interface RefundFailure {
  reason: string;
  newDueOn: string;
  at: string;
  byName: string;
}

// 退款单 One refund of a ticket, usually opened by an RMA's outcome. Locked after its ticket (step 1);
// events on the ticket's chain (`refund_*`). Money in integer 分.
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey(),
    ticketId: uuid().notNull(),
    /** The RMA whose outcome opened it (one refund per RMA). */
    rmaId: uuid(),
    /** WX20261120001-F1 */
    number: text().notNull().unique(),
    status: text().$type<RefundStatus>().notNull(),
    amountFen: integer().notNull(),
    lines: jsonb().$type<RefundLine[]>().notNull(),
    /** 原路退回: the order's payment method. */
    paymentMethod: text().notNull(),
    requestedOn: date({ mode: 'string' }).notNull(),
    /** The earliest date of the rules that apply (src/domain/refund/refund-due.ts); moved by a failure. */
    dueOn: date({ mode: 'string' }).notNull(),
    dueRules: jsonb().$type<RefundDueRule[]>().notNull(),
    bindingRule: text().notNull(),
    approvedAt: ts(),
    approvedByName: text(),
    paidAt: ts(),
    paidByName: text(),
    reference: text(),
    failures: jsonb().$type<RefundFailure[]>().notNull().default([]),
    endReason: text(),
    createdAt: ts().notNull(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check('refunds_status_check', sql`${t.status} in ('requested','approved','paid','failed','cancelled')`),
    check('refunds_amount_check', sql`${t.amountFen} >= 0`),
    // Paid means paid once, with the bank's reference.
    check('refunds_paid_check', sql`${t.status} <> 'paid' or (${t.reference} is not null and ${t.paidAt} is not null)`),
    uniqueIndex('refunds_rma_idx').on(t.rmaId),
    index('refunds_ticket_idx').on(t.ticketId),
    index('refunds_due_idx').on(t.status, t.dueOn),
  ],
);
export type RefundRow = typeof refunds.$inferSelect;
