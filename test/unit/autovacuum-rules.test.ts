import { describe, expect, it } from 'vitest';
import { upkeepDue, type AutovacuumSettings, type TableActivity } from '../../src/db/embedded-vacuum';

// PostgreSQL 15's defaults (§20.10 "Automatic Vacuuming").
const defaults: AutovacuumSettings = {
  vacuumThreshold: 50,
  vacuumScaleFactor: 0.2,
  vacuumInsertThreshold: 1000,
  vacuumInsertScaleFactor: 0.2,
  analyzeThreshold: 50,
  analyzeScaleFactor: 0.1,
};
const table = (t: Partial<TableActivity>): TableActivity => ({
  table: 'tickets',
  rows: 10_000,
  deadRows: 0,
  insertedSinceVacuum: 0,
  modifiedSinceAnalyze: 0,
  ...t,
});

describe('which tables the embedded database vacuums and analyzes (autovacuum rules, PostgreSQL §25.1.6)', () => {
  it('vacuums a table once its dead rows pass 50 + 20 % of its rows, not at the threshold itself', () => {
    expect(upkeepDue([table({ deadRows: 2050 })], defaults)).toEqual([]);
    expect(upkeepDue([table({ deadRows: 2051 })], defaults)).toEqual([{ table: 'tickets', vacuum: true, analyze: false }]);
  });

  it('vacuums an insert-only table (sets its visibility map, merges its GIN pending lists) past 1,000 + 20 % inserts', () => {
    expect(upkeepDue([table({ insertedSinceVacuum: 3000 })], defaults)).toEqual([]);
    expect(upkeepDue([table({ insertedSinceVacuum: 3001 })], defaults)).toEqual([{ table: 'tickets', vacuum: true, analyze: false }]);
    // -1 switches insert-triggered vacuum off, as in PostgreSQL.
    expect(upkeepDue([table({ insertedSinceVacuum: 1e9 })], { ...defaults, vacuumInsertThreshold: -1 })).toEqual([]);
  });

  it('analyzes once the rows changed since the last analyze pass 50 + 10 % of the rows', () => {
    expect(upkeepDue([table({ modifiedSinceAnalyze: 1050 })], defaults)).toEqual([]);
    expect(upkeepDue([table({ modifiedSinceAnalyze: 1051, deadRows: 3000 })], defaults)).toEqual([{ table: 'tickets', vacuum: true, analyze: true }]);
  });

  it('treats a never-counted table (reltuples -1) as empty, so its first rows get statistics', () => {
    expect(upkeepDue([table({ table: 'outbox', rows: -1, modifiedSinceAnalyze: 51 })], defaults)).toEqual([{ table: 'outbox', vacuum: false, analyze: true }]);
  });

  it('leaves quiet tables alone and scales with the table', () => {
    const big = table({ table: 'events', rows: 1_000_000, deadRows: 150_000, modifiedSinceAnalyze: 90_000 });
    expect(upkeepDue([big, table({ table: 'users', rows: 20 })], defaults)).toEqual([]);
  });

  it("follows a table's own storage parameters (ALTER TABLE … SET (autovacuum_…)), and leaves out one with autovacuum off", () => {
    const tickets = table({ deadRows: 300, options: ['autovacuum_vacuum_scale_factor=0.02', 'fillfactor=90'] });
    expect(upkeepDue([tickets], defaults)).toEqual([{ table: 'tickets', vacuum: true, analyze: false }]);
    expect(upkeepDue([table({ deadRows: 9000, options: ['autovacuum_enabled=false'] })], defaults)).toEqual([]);
  });
});
