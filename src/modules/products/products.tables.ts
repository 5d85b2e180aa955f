import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const productModels = pgTable('product_models', {
  id: uuid().primaryKey(),
  modelNumber: text().notNull().unique(),
  name: text().notNull(),
  category: text().notNull(),
  warrantyMonths: integer().notNull(),
  customMade: boolean().notNull().default(false),
  safetyRelevant: boolean().notNull().default(false),
  discontinued: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

export const serialUnits = pgTable(
  'serial_units',
  {
    id: uuid().primaryKey(),
    serialNumber: text().notNull(),
    productModelId: uuid()
      .notNull()
      .references(() => productModels.id),
    customerId: uuid(),
    purchaseDate: date({ mode: 'string' }),
    purchaseChannel: text(),
    deliveredAt: date({ mode: 'string' }),
    batch: text(), // 批次
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('serial_units_model_serial_uq').on(t.productModelId, t.serialNumber),
    index('serial_units_serial_idx').on(t.serialNumber),
    index('serial_units_customer_idx').on(t.customerId),
    // The queue's batch filter (批次) finds a batch's units here, then their tickets by serial_unit_id.
    index('serial_units_batch_idx')
      .on(t.batch)
      .where(sql`batch is not null`),
  ],
);

// 主要部件保修期 Main parts with their own warranty period, longer than the unit's (三包: micro-computer
// whole unit 1 year, main parts 2 years). A claim that names such a part is decided with its period.
export const productModelMainParts = pgTable(
  'product_model_main_parts',
  {
    productModelId: uuid()
      .notNull()
      .references(() => productModels.id),
    name: text().notNull(),
    warrantyMonths: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.productModelId, t.name] }), check('product_model_main_parts_months_check', sql`${t.warrantyMonths} between 0 and 240`)],
);

// 维修/换货记录 A unit's service history as the warranty decision needs it: repair spans (with time
// waiting for parts) extend the 三包 validity period, an exchange restarts it. Written by staff now and
// by the repair module later (recordUnitRepair / recordUnitExchange), never edited: a correction is a
// new entry's business, not an update.
export const serialUnitServiceHistory = pgTable(
  'serial_unit_service_history',
  {
    id: uuid().primaryKey(),
    serialUnitId: uuid()
      .notNull()
      .references(() => serialUnits.id),
    kind: text().$type<'repair' | 'exchange'>().notNull(),
    /** Repair start, or the exchange date. */
    fromDate: date({ mode: 'string' }).notNull(),
    /** Repair end; null for an exchange. */
    toDate: date({ mode: 'string' }),
    partsWaitFrom: date({ mode: 'string' }),
    partsWaitTo: date({ mode: 'string' }),
    /** Who wrote it: 'staff' through the API, or the capability that did the work ('repair'). */
    source: text().notNull(),
    /** The source's own id (a repair order): recording the same one twice is refused. */
    sourceRef: text(),
    note: text(),
    recordedById: uuid(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('serial_unit_service_history_unit_idx').on(t.serialUnitId, t.fromDate),
    uniqueIndex('serial_unit_service_history_ref_uq')
      .on(t.serialUnitId, t.kind, t.source, t.sourceRef)
      .where(sql`${t.sourceRef} is not null`),
    check(
      'serial_unit_service_history_kind_check',
      sql`(${t.kind} = 'repair' and ${t.toDate} is not null and ${t.toDate} >= ${t.fromDate}) or (${t.kind} = 'exchange' and ${t.toDate} is null and ${t.partsWaitFrom} is null)`,
    ),
    check(
      'serial_unit_service_history_wait_check',
      sql`(${t.partsWaitFrom} is null and ${t.partsWaitTo} is null) or (${t.partsWaitFrom} is not null and ${t.partsWaitTo} >= ${t.partsWaitFrom})`,
    ),
  ],
);
