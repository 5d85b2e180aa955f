import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, wrapPglite, type Database } from '../../src/db/client';
import { keptPglite, openTemplate } from './pglite-kept';

const urls = new WeakMap<Database, string>();

/** The connection URL of a PostgreSQL test database (for a child process such as the CLI); null on PGlite. */
export function testDatabaseUrl(database: Database): string | null {
  return urls.get(database) ?? null;
}

/**
 * A fresh, migrated database for one test file: a PGlite copy or a PostgreSQL database from the template.
 * `reuse`: on PGlite, the worker's kept instance reset to the template (test/helpers/pglite-kept.ts).
 */
export async function freshDatabase(opts: { reuse?: boolean } = {}): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (process.env.SHOUHOU_TEST_DB === 'postgres') {
    const url = inject('postgresUrl');
    const name = `shouhou_t_${inject('postgresTemplate').replace('shouhou_tpl_', '')}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Concurrent copies of one template can collide ("source database is being accessed"): retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const database = openPostgres(dbUrl.toString(), 8);
    urls.set(database, dbUrl.toString());
    return {
      database,
      drop: async () => {
        await database.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  if (opts.reuse) return keptPglite(inject('pgliteTemplate'));
  const database = await wrapPglite(await openTemplate(inject('pgliteTemplate')));
  return { database, drop: () => database.close() };
}
