import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { PROVINCE_CODES } from '../../domain/customer/region';

export const customers = pgTable(
  'customers',
  {
    id: uuid().primaryKey(),
    // The customer's (company's) name stays searchable in clear; contact details are encrypted.
    name: text().notNull(),
    kind: text().$type<'company' | 'person'>().notNull().default('company'),
    notes: text(),
    /** 省份 GB/T 2260 code of the province (domain/customer/region.ts); null while unknown or abroad. */
    province: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('customers_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    // The queue's and the dashboard's region filter find a region's customers here (then their tickets
    // through tickets_customer_idx): no index on the tickets themselves.
    index('customers_province_idx').on(t.province),
    check('customers_province_check', sql.raw(`province is null or province in (${PROVINCE_CODES.map((c) => `'${c}'`).join(',')})`)),
  ],
);

// 大区 Sales regions: the company's own grouping of provinces, named by administrators.
export const salesRegions = pgTable('sales_regions', {
  id: uuid().primaryKey(),
  name: text().notNull().unique(),
  sortOrder: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

// Which region a province belongs to: the primary key keeps a province in one region at most.
export const salesRegionProvinces = pgTable('sales_region_provinces', {
  province: text().primaryKey(),
  regionId: uuid()
    .notNull()
    .references(() => salesRegions.id, { onDelete: 'cascade' }),
});

// 联系人 contacts. *Enc columns hold AES-256-GCM ciphertext; *Bidx hold a keyed hash (blind index)
// so an exact phone or email can be found without decrypting every row.
export const contacts = pgTable(
  'contacts',
  {
    id: uuid().primaryKey(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    nameEnc: text().notNull(),
    phoneEnc: text(),
    phoneBidx: text(),
    emailEnc: text(),
    emailBidx: text(),
    addressEnc: text(),
    isPrimary: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('contacts_customer_idx').on(t.customerId), index('contacts_phone_bidx').on(t.phoneBidx), index('contacts_email_bidx').on(t.emailBidx)],
);
