import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 故障类别目录 The fault catalogue admins maintain: per product category ('' = the general list), a code
 * (kept on repair orders, never renamed), Chinese and English labels, an order, and `active` (a retired
 * entry is no longer offered but still labels the repairs that used it — entries are never deleted).
 */
export const faultCategories = pgTable(
  'fault_categories',
  {
    id: uuid().primaryKey().defaultRandom(),
    productCategory: text().notNull().default(''),
    code: text().notNull(),
    zh: text().notNull(),
    en: text().notNull(),
    active: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fault_categories_category_code_key').on(t.productCategory, t.code),
    check('fault_categories_code_check', sql`${t.code} ~ '^[a-z][a-z0-9_]{1,39}$'`),
  ],
);
