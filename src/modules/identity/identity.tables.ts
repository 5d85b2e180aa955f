import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
});
