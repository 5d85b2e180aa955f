import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ROLES, type Role } from '../../domain/identity/roles';

export { ROLES, type Role };

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey(),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    role: text().$type<Role>().notNull(),
    team: text(),
    passwordHash: text().notNull(),
    locale: text().notNull().default('zh-CN'),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('admin','manager','agent','engineer','finance','logistics','quality')`)],
);

// Sessions and API tokens store only a SHA-256 of the secret: a stolen database gives no log-ins.
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid().primaryKey(),
  tokenHash: text().notNull().unique(),
  name: text().notNull(),
  userId: uuid()
    .notNull()
    .references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  revokedAt: timestamp({ withTimezone: true }),
  /** null: valid until revoked. */
  expiresAt: timestamp({ withTimezone: true }),
});

// Counters for limits that must hold across every server process sharing the database (log-in
// attempts, exact contact lookups): one row per key and fixed window, bumped by an upsert.
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
);
