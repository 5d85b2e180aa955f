import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const customers = pgTable(
  'customers',
  {
    id: uuid().primaryKey(),
    // The customer's (company's) name stays searchable in clear; contact details are encrypted.
    name: text().notNull(),
    kind: text().$type<'company' | 'person'>().notNull().default('company'),
    notes: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('customers_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`)],
);

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
