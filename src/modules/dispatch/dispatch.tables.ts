import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DispatchMode } from '../../domain/repair/dispatch-rank';

const ts = () => timestamp({ withTimezone: true, precision: 3 });

// 工程师技能 What an engineer can take on, kept by managers: the product categories, models and fault
// categories they handle, the certificates they hold, the regions they cover and how many open
// orders they take at most (接单上限). One row per engineer (a user with role engineer); an engineer
// without a row has no skills yet and ranks last, but may still be picked by hand.
export const engineerSkills = pgTable(
  'engineer_skills',
  {
    userId: uuid().primaryKey(),
    categories: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    models: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    faultCategories: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    certifications: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    regions: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    capacity: integer().notNull().default(5),
    updatedById: uuid(),
    updatedAt: ts().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [check('engineer_skills_capacity_check', sql`${t.capacity} between 1 and 50`)],
);
export type EngineerSkillsRow = typeof engineerSkills.$inferSelect;

// 派单模式 per team (the ticket's team): how its new on-site orders are dispatched. A team without a
// row uses the default row (team '*'), and without that, manual dispatch.
export const dispatchTeamModes = pgTable(
  'dispatch_team_modes',
  {
    team: text().primaryKey(),
    mode: text().$type<DispatchMode>().notNull(),
    updatedById: uuid(),
    updatedAt: ts().notNull(),
  },
  (t) => [check('dispatch_team_modes_mode_check', sql`${t.mode} in ('manual','auto','grab')`)],
);
export type DispatchTeamModeRow = typeof dispatchTeamModes.$inferSelect;
