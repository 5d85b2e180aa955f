import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureServerBuild } from '../../scripts/build-server.mjs';
import { openPglite, openPostgres } from '../../src/db/client';
import { migrateDatabase } from '../../src/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
    postgresUrl: string;
  }
}

// Migrates once per run; every test file then starts from a copy of the migrated database.
export default async function setup(project: TestProject) {
  // The server bundle the process tests start (test/helpers/server-process.ts): built here, before
  // the files run, so no test's start-up timeout pays for it.
  await ensureServerBuild();
  if (project.name === 'pglite') {
    const db = await openPglite();
    await migrateDatabase(db);
    // Uncompressed: every test file loads this copy, and gunzipping it cost each one ~0.3 s.
    const dump = await db.pglite!.dumpDataDir('none');
    const dir = join(process.cwd(), '.tmp');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `pglite-template-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    project.provide('pgliteTemplate', file);
    return;
  }
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const template = `shouhou_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${url} (set TEST_DATABASE_URL): ${String(err)}`, { cause: err });
  }
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${template}`;
  const db = openPostgres(templateUrl.toString(), 2);
  await migrateDatabase(db);
  await db.close();
  project.provide('postgresTemplate', template);
  project.provide('postgresUrl', url);
  return async () => {
    // Drop the per-file databases this run left behind (a crashed file cannot drop its own).
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'shouhou_t_${process.pid}_%' or datname = $1`,
      [template],
    );
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}
