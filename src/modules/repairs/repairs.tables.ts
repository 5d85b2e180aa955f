import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ApprovalMethod, QuoteLine, RepairCause, RepairStatus, ServiceMode } from '../../domain/repair';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

export interface ApprovalRecord {
  method: ApprovalMethod;
  decision: 'approve' | 'decline';
  approverName: string;
  note: string | null;
  quoteVersion: number;
  at: string;
  recordedById: string | null;
  recordedByName: string;
}
export interface OnSiteRecord {
  findings: string;
  work: string;
  partsUsed: { code: string; name: string; quantity: number; partId?: string }[];
  testResult: string;
  testPassed: boolean;
}
/** 返厂维修记录 What the factory did and which parts it used (consumed from the order's reservations). */
export interface FactoryRecord {
  work: string;
  partsUsed: OnSiteRecord['partsUsed'];
  at: string;
}
export interface WaitRecord {
  from: string;
  to: string | null;
  part: string;
}
/** A parts reservation the order holds (备件预留), made on approval from the quote's catalogue part lines. */
export interface PartReservationRef {
  reservationId: string;
  partId: string;
  partNumber: string;
  quantity: number;
  state: 'reserved' | 'consumed' | 'released';
}
export type DispatchState = 'none' | 'offered' | 'accepted' | 'pool';

// 维修单 One repair order of a ticket (a ticket may have several: two units, or a second attempt).
// Its row is locked after its ticket's (src/db/lock-order.ts step 1: a subject that belongs to another
// is locked after its parent). Its history is on the ticket's audit chain (events `repair_*`).
export const repairOrders = pgTable(
  'repair_orders',
  {
    id: uuid().primaryKey(),
    ticketId: uuid().notNull(),
    /** WX20261120001-R1: the ticket's number and the order's sequence on it. */
    number: text().notNull().unique(),
    serialUnitId: uuid(),
    mode: text().$type<ServiceMode>().notNull(),
    status: text().$type<RepairStatus>().notNull(),
    siteAddress: text(),
    // 诊断
    diagnosisMode: text().$type<'remote' | 'on_site'>(),
    faultCategory: text(),
    cause: text().$type<RepairCause>(),
    findings: text(),
    diagnosedAt: ts(),
    /** In warranty on the ticket's receipt date (the date of the claim). */
    inWarranty: boolean(),
    /** In warranty and a quality fault: free repair (RULES.md Warranty/repair). */
    repairIsFree: boolean().notNull().default(false),
    // 方案与报价
    plan: text(),
    estimatedHours: real(),
    quoteLines: jsonb().$type<QuoteLine[]>().notNull().default([]),
    quoteTotalFen: integer().notNull().default(0),
    quoteVersion: integer().notNull().default(0),
    quotedAt: ts(),
    /** Where the quote's catalogue parts are reserved from (a warehouse or the engineer's personal stock). */
    partsWarehouseId: uuid(),
    partReservations: jsonb().$type<PartReservationRef[]>().notNull().default([]),
    approval: jsonb().$type<ApprovalRecord>(),
    approvedQuoteVersion: integer(),
    approvalSignature: text(),
    declinedAt: ts(),
    declineReason: text(),
    // 派单
    engineerId: uuid(),
    dispatchState: text().$type<DispatchState>().notNull().default('none'),
    dispatchedAt: ts(),
    acceptedAt: ts(),
    // 上门服务
    appointmentFrom: ts(),
    appointmentTo: ts(),
    checkInAt: ts(),
    checkOutAt: ts(),
    onSiteRecord: jsonb().$type<OnSiteRecord>(),
    customerSignature: text(),
    signerName: text(),
    signedAt: ts(),
    // 维修与测试
    repairStartedAt: ts(),
    waits: jsonb().$type<WaitRecord[]>().notNull().default([]),
    testPassed: boolean(),
    testNote: text(),
    handedOverAt: ts(),
    failedAt: ts(),
    endReason: text(),
    // 返厂维修
    pickupCourier: text(),
    pickupTracking: text(),
    pickupBookedAt: ts(),
    receivedAt: ts(),
    inspectionNote: text(),
    repairedAt: ts(),
    factoryRecord: jsonb().$type<FactoryRecord>(),
    shipBackCourier: text(),
    shipBackTracking: text(),
    shippedBackAt: ts(),
    customerNotifiedAt: ts(),
    createdById: uuid(),
    createdAt: ts().notNull(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check(
      'repair_orders_status_check',
      sql`${t.status} in ('diagnosing','awaiting_approval','approved','declined','in_repair','waiting_parts','testing','handed_over','failed','cancelled')`,
    ),
    check('repair_orders_mode_check', sql`${t.mode} in ('field','factory')`),
    check('repair_orders_dispatch_check', sql`${t.dispatchState} in ('none','offered','accepted','pool')`),
    check('repair_orders_total_check', sql`${t.quoteTotalFen} >= 0`),
    // Work is under way only on the quote the customer approved (the use cases keep it; this backs them).
    check(
      'repair_orders_work_approved_check',
      sql`${t.status} not in ('in_repair','waiting_parts','testing','handed_over') or ${t.approvedQuoteVersion} = ${t.quoteVersion}`,
    ),
    index('repair_orders_ticket_idx').on(t.ticketId),
    // The queue's fault filter (故障类别): the tickets diagnosed with a category, read from the index alone.
    index('repair_orders_fault_idx')
      .on(t.faultCategory, t.ticketId)
      .where(sql`fault_category is not null and status <> 'cancelled'`),
    index('repair_orders_unit_idx').on(t.serialUnitId),
    index('repair_orders_engineer_idx').on(t.engineerId, t.status),
    index('repair_orders_pool_idx')
      .on(t.createdAt)
      .where(sql`dispatch_state = 'pool'`),
  ],
);
export type RepairRow = typeof repairOrders.$inferSelect;
