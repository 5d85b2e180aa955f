import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { MovementKind, OldPartStatus, WarehouseKind } from '../../domain/parts';

// 备件 Spare parts: catalogue, warehouses (central, regional, each engineer's 个人库), stock per
// (warehouse, part), the movements ledger, reservations for a repair order or ticket, and the old
// parts that must come back (旧件返还). The CHECKs are the last line of defence behind the row locks
// taken in stock-write.ts: stock never goes negative.

export const parts = pgTable(
  'parts',
  {
    id: uuid().primaryKey(),
    partNumber: text().notNull().unique(),
    name: text().notNull(),
    /** Product model ids (products module), read through its exported functions only. */
    compatibleModelIds: jsonb().$type<string[]>().notNull().default([]),
    /** Integer 分 (fen). */
    unitPriceFen: integer().notNull(),
    serialTracked: boolean().notNull().default(false),
    mainPart: boolean().notNull().default(false),
    lowStockThreshold: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('parts_price_check', sql`${t.unitPriceFen} >= 0`), check('parts_threshold_check', sql`${t.lowStockThreshold} >= 0`)],
);

export const warehouses = pgTable(
  'warehouses',
  {
    id: uuid().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text().$type<WarehouseKind>().notNull(),
    /** The engineer of a personal stock (个人库); null for the others. */
    ownerUserId: uuid(),
    region: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    check('warehouses_kind_check', sql`${t.kind} in ('central','regional','engineer')`),
    check('warehouses_owner_check', sql`(${t.kind} = 'engineer') = (${t.ownerUserId} is not null)`),
    uniqueIndex('warehouses_engineer_uq')
      .on(t.ownerUserId)
      .where(sql`kind = 'engineer'`),
  ],
);

export const stock = pgTable(
  'stock',
  {
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id),
    partId: uuid()
      .notNull()
      .references(() => parts.id),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.partId] }),
    check('stock_never_negative', sql`${t.onHand} >= 0 and ${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
    index('stock_part_idx').on(t.partId),
  ],
);

export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id),
    partId: uuid()
      .notNull()
      .references(() => parts.id),
    kind: text().$type<MovementKind>().notNull(),
    onHandDelta: integer().notNull(),
    reservedDelta: integer().notNull(),
    onHandAfter: integer().notNull(),
    reservedAfter: integer().notNull(),
    actorId: uuid(),
    actorName: text().notNull(),
    reason: text(),
    /** What the movement was for: an opaque reference (a ticket or a repair order of the repairs module). */
    subjectType: text(),
    subjectId: uuid(),
    reservationId: uuid(),
    /** Both halves of a transfer or return share it. */
    transferId: uuid(),
    serialNumbers: jsonb().$type<string[]>(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      'stock_movements_kind_check',
      sql`${t.kind} in ('receipt','reservation','release','consumption','return_out','return_in','transfer_out','transfer_in','adjustment')`,
    ),
    index('stock_movements_wh_part_idx').on(t.warehouseId, t.partId, t.id),
    index('stock_movements_subject_idx').on(t.subjectId),
    // 备件消耗 for a period (the quality report and the dashboard): consumption rows by time, not a scan of every movement.
    index('stock_movements_kind_time_idx').on(t.kind, t.createdAt),
  ],
);

export const partReservations = pgTable(
  'part_reservations',
  {
    id: uuid().primaryKey(),
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id),
    partId: uuid()
      .notNull()
      .references(() => parts.id),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    quantity: integer().notNull(),
    consumedQty: integer().notNull().default(0),
    releasedQty: integer().notNull().default(0),
    status: text().$type<'active' | 'closed'>().notNull(),
    /** The ticket the subject belongs to (a repair order's ticket), for the shipment clock's notifications. */
    ticketId: uuid(),
    /** 备件发货: the parts must be shipped (to the engineer or the site) within the shipment target. */
    shipRequired: boolean().notNull().default(false),
    urgent: boolean().notNull().default(false),
    shippedAt: timestamp({ withTimezone: true }),
    trackingNumber: text(),
    createdById: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check(
      'part_reservations_qty_check',
      sql`${t.quantity} > 0 and ${t.consumedQty} >= 0 and ${t.releasedQty} >= 0 and ${t.consumedQty} + ${t.releasedQty} <= ${t.quantity}`,
    ),
    check('part_reservations_status_check', sql`(${t.status} = 'closed') = (${t.consumedQty} + ${t.releasedQty} = ${t.quantity})`),
    index('part_reservations_subject_idx').on(t.subjectId),
    index('part_reservations_wh_idx').on(t.warehouseId, t.status),
  ],
);

export const oldParts = pgTable(
  'old_parts',
  {
    id: uuid().primaryKey(),
    partId: uuid()
      .notNull()
      .references(() => parts.id),
    /** The unit (products module) the part was taken from. */
    serialUnitId: uuid().notNull(),
    serialNumber: text(),
    subjectType: text().notNull(),
    subjectId: uuid().notNull(),
    reservationId: uuid().references(() => partReservations.id),
    /** The personal stock or warehouse the new part came from: who has to bring the old one back. */
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id),
    inWarranty: boolean().notNull(),
    status: text().$type<OldPartStatus>().notNull(),
    trackingNumber: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('old_parts_status_check', sql`${t.status} in ('expected','shipped','received','returned_to_maker','scrapped')`),
    index('old_parts_outstanding_idx')
      .on(t.createdAt)
      .where(sql`status in ('expected','shipped')`),
    index('old_parts_unit_idx').on(t.serialUnitId),
  ],
);
