import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// 客户自助 customer portal. The customer has no account: a phone verified by a one-time code opens a
// request, and a per-ticket access code (查询码) or private link opens a portal session for that one
// ticket. Only hashes of codes, links and session tokens are stored, never the secrets themselves.

/** 扫码报修: the unguessable token printed in a unit's QR label (the serial alone would be guessable). */
export const portalUnitTokens = pgTable('portal_unit_tokens', {
  serialUnitId: uuid().primaryKey(),
  token: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
});

/**
 * 空白标签: QR labels printed before they belong to a unit (a sheet for the service van, for units
 * not yet on record). A customer scanning one is told it is not in use yet; the first staff scan binds
 * it to a unit, for good — after that it leads to that unit's page like a printed unit label.
 */
export const portalBlankLabels = pgTable(
  'portal_blank_labels',
  {
    token: text().primaryKey(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    boundUnitId: uuid(),
    boundAt: timestamp({ withTimezone: true, precision: 3 }),
    boundBy: uuid(),
  },
  (t) => [index('portal_blank_labels_unit_idx').on(t.boundUnitId)],
);

/** 验证码: one-time codes sent to a phone; keyed by the phone's blind index, the code hashed. */
export const portalCodes = pgTable(
  'portal_codes',
  {
    id: uuid().primaryKey(),
    phoneIndex: text().notNull(),
    codeHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    attempts: integer().notNull().default(0),
    usedAt: timestamp({ withTimezone: true, precision: 3 }),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('portal_codes_phone_idx').on(t.phoneIndex, t.createdAt)],
);

/** A ticket opened through the portal: its access code and private link (hashed), the phone's blind index. */
export const portalTickets = pgTable('portal_tickets', {
  ticketId: uuid().primaryKey(),
  number: text().notNull().unique(),
  accessCodeHash: text().notNull(),
  linkHash: text().notNull().unique(),
  phoneIndex: text().notNull(),
  createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
});

/** 客户会话: a portal session sees exactly one ticket; separate from staff sessions (own cookie, own table). */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    tokenHash: text().primaryKey(),
    ticketId: uuid().notNull(),
    expiresAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('portal_sessions_ticket_idx').on(t.ticketId)],
);
