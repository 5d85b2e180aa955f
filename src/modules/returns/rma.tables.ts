import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Eligibility } from '../../domain/returns/return-eligibility';
import type { RmaAttribution, RmaOutcome, RmaStatus } from '../../domain/returns/rma.status';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

export interface RmaItem {
  model: string;
  name: string;
  serialNumber?: string | null;
  orderedQuantity: number;
  quantity: number;
  unitPriceFen: number;
}
/** 资格判定 The eligibility decision taken when the RMA was requested (domain decideReturnEligibility). */
export interface EligibilityRecord {
  /** The remedy the request asks for and whether the decision allowed it. */
  remedy: 'noReasonReturn' | 'qualityReturn' | 'exchange';
  allowed: boolean;
  requestedOn: string;
  decision: Eligibility;
  serialUnitId: string | null;
}
/** 经理特批 A manager opened a remedy the decision refused. */
export interface EligibilityOverride {
  reason: string;
  byId: string | null;
  byName: string;
  at: string;
}
export interface ConsentRecord {
  method: 'phone' | 'written' | 'portal';
  customerName: string;
  note: string | null;
  at: string;
  recordedByName: string;
}

// 退换货单 One RMA of a ticket (a ticket may have several: parts of one order returned at different
// times). Its row is locked after its ticket's (src/db/lock-order.ts step 1: a subject that belongs to
// another is locked after its parent); its history goes on the ticket's chain (events `rma_*`).
export const rmaOrders = pgTable(
  'rma_orders',
  {
    id: uuid().primaryKey(),
    ticketId: uuid().notNull(),
    /** WX20261120001-T1: the ticket's number and the RMA's sequence on it (the request's reference). */
    number: text().notNull().unique(),
    /** RMA 号, given at approval: what the customer writes on the parcel. */
    rmaNumber: text(),
    kind: text().$type<'return' | 'exchange'>().notNull(),
    reason: text().$type<'no_reason' | 'quality' | 'wrong_shipment'>().notNull(),
    salesChannel: text().notNull(),
    consumer: boolean().notNull(),
    status: text().$type<RmaStatus>().notNull(),
    proofOfPurchase: text().notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    description: text().notNull(),
    photoAttachmentIds: jsonb().$type<string[]>().notNull().default([]),
    items: jsonb().$type<RmaItem[]>().notNull(),
    paymentMethod: text().notNull(),
    shippingFen: integer().notNull().default(0),
    sanbaoReturnAfterRepairs: boolean().notNull().default(false),
    eligibility: jsonb().$type<EligibilityRecord>(),
    eligibilityOverride: jsonb().$type<EligibilityOverride>(),
    // 审核
    reviewedAt: ts(),
    reviewedByName: text(),
    returnAddress: text(),
    refuseReason: text(),
    // 客户寄回
    returnCourier: text(),
    returnTracking: text(),
    returnShippedAt: ts(),
    // 到货与检验
    receivedAt: ts(),
    inspectedAt: ts(),
    inspectionCondition: text(),
    inspectionPassed: boolean(),
    inspectionPhotoIds: jsonb().$type<string[]>().notNull().default([]),
    // 处理结果
    outcome: text().$type<RmaOutcome>(),
    attribution: text().$type<RmaAttribution>(),
    exchangeModel: text(),
    discontinued: boolean().notNull().default(false),
    customerConsent: jsonb().$type<ConsentRecord>(),
    outboundCourier: text(),
    outboundTracking: text(),
    outboundShippedAt: ts(),
    rejectReason: text(),
    endReason: text(),
    /** The refund the outcome opened (refunds module). */
    refundId: uuid(),
    closedAt: ts(),
    createdById: uuid(),
    createdAt: ts().notNull(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    check(
      'rma_orders_status_check',
      sql`${t.status} in ('requested','approved','in_transit','received','inspected','exchanging','rejecting','refunded','exchange_shipped','sent_back','refused','cancelled')`,
    ),
    check('rma_orders_kind_check', sql`${t.kind} in ('return','exchange')`),
    check('rma_orders_shipping_check', sql`${t.shippingFen} >= 0`),
    // 责任归属 on every closed RMA (003 §八), kept for the quality reports.
    check(
      'rma_orders_closed_attribution_check',
      sql`${t.status} not in ('refunded','exchange_shipped','sent_back','refused','cancelled') or ${t.attribution} is not null`,
    ),
    check(
      'rma_orders_attribution_check',
      sql`${t.attribution} is null or ${t.attribution} in ('production_quality','sales_order_error','logistics_damage','customer_cause')`,
    ),
    // Approved means an RMA number and an address the customer can ship to.
    check(
      'rma_orders_approved_check',
      sql`${t.status} in ('requested','refused','cancelled') or (${t.rmaNumber} is not null and ${t.returnAddress} is not null)`,
    ),
    // Another model in exchange only with the customer's recorded consent (000 §退换货服务).
    check('rma_orders_consent_check', sql`not ${t.discontinued} or ${t.outcome} is distinct from 'exchange' or ${t.customerConsent} is not null`),
    uniqueIndex('rma_orders_rma_number_idx').on(t.rmaNumber),
    index('rma_orders_ticket_idx').on(t.ticketId),
    index('rma_orders_status_idx').on(t.status, t.createdAt),
  ],
);
export type RmaRow = typeof rmaOrders.$inferSelect;
