import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vacuumEmbedded } from '../src/db/embedded-vacuum';
import type { Database } from '../src/db/client';
import { freshDatabase } from './helpers/database';

// PGlite runs PostgreSQL in single-user mode, where no autovacuum exists: the server's workers do its
// work (src/db/embedded-vacuum.ts). What an admin of an embedded installation would notice: a table
// that many updates left full of dead rows is cleaned and gets planner statistics, and a quiet one is
// left alone. On a PostgreSQL server autovacuum does this itself and the round does nothing.

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
}, 60_000);
afterAll(async () => drop?.());

const stats = async () => {
  await database.exec('select pg_stat_force_next_flush()');
  return (
    await database.exec(
      `select n_dead_tup::int as dead, last_vacuum is not null as vacuumed, last_analyze is not null as analyzed,
              (select count(*)::int from pg_stats where tablename = 'vacuum_probe') as columns_with_stats
         from pg_stat_user_tables where relname = 'vacuum_probe'`,
    )
  ).rows[0]!;
};

describe('the embedded database vacuums itself', () => {
  it('cleans and analyzes a table past the autovacuum thresholds, then leaves it alone (PostgreSQL: left to autovacuum)', async () => {
    await database.exec('create table vacuum_probe (id int primary key, state text not null)');
    await database.exec(`insert into vacuum_probe select g, 'open' from generate_series(1, 2000) g`);
    await database.exec(`update vacuum_probe set state = 'closed' where id <= 1500`);
    if (database.kind === 'postgres') {
      expect(await vacuumEmbedded(database)).toEqual([]);
      return;
    }
    const before = await stats();
    expect(before.dead).toBe(1500);
    expect(before.vacuumed).toBe(false);

    // One table a round, the busiest first, until nothing is due (the template's seeded tables too).
    const done = [];
    for (let round = 0; round < 200; round++) {
      const upkeep = await vacuumEmbedded(database);
      if (!upkeep.length) break;
      done.push(...upkeep);
    }
    expect(done).toContainEqual({ table: 'vacuum_probe', vacuum: true, analyze: true });
    expect(done.filter((u) => u.table === 'vacuum_probe')).toHaveLength(1);
    const after = await stats();
    expect(after).toMatchObject({ dead: 0, vacuumed: true, analyzed: true });
    expect(after.columns_with_stats).toBe(2);
    // Nothing has changed since: the next round does nothing at all.
    expect(await vacuumEmbedded(database)).toEqual([]);
  }, 60_000);
});
