import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
  ],
);
