import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config';
import { openPglite } from '../db/client';
import { lockDataDir } from '../db/data-dir-lock';
import { ATTACHMENTS, DB_FILE, keyReminder, packArchive, writeManifest } from './archive';
import { libpqTarget, opsError, run } from './process';

/**
 * `cli backup <file>`. PGlite: under the data-directory lock (the server must be stopped), a dump
 * of the data directory. PostgreSQL: pg_dump in custom format while the server keeps running; the
 * attachments are copied after the dump, so every row in it finds its file (a file uploaded
 * meanwhile is just an orphan the sweeper removes).
 */
export async function backup(config: Pick<Config, 'dataDir' | 'databaseUrl'>, file: string, log: (line: string) => void): Promise<void> {
  const target = resolve(file);
  if (existsSync(target)) throw opsError(`${target} 已存在，不会覆盖。`, `${target} already exists; not overwriting it.`);
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  // Staged beside the target, then renamed: a failed backup never leaves a file that looks complete.
  const staging = mkdtempSync(join(dirname(target), '.shouhou-backup-'));
  const partial = `${target}.partial`;
  try {
    writeManifest(staging, {
      format: 'shouhou-backup',
      version: 1,
      database: kind,
      createdAt: new Date().toISOString(),
      attachments: existsSync(join(config.dataDir, ATTACHMENTS)),
    });
    if (config.databaseUrl) {
      const { dbname, env } = libpqTarget(config.databaseUrl);
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(staging, DB_FILE.postgres)}`, `--dbname=${dbname}`], env);
      await packArchive(partial, staging, config.dataDir, kind);
    } else {
      const pgliteDir = join(config.dataDir, 'pglite');
      if (!existsSync(join(pgliteDir, 'PG_VERSION'))) throw opsError(`${pgliteDir} 中没有数据库。`, `There is no database in ${pgliteDir}.`);
      const release = await lockDataDir(config.dataDir);
      try {
        const database = await openPglite(pgliteDir);
        try {
          const dump = await database.pglite!.dumpDataDir('gzip');
          writeFileSync(join(staging, DB_FILE.pglite), Buffer.from(await dump.arrayBuffer()));
        } finally {
          await database.close();
        }
        await packArchive(partial, staging, config.dataDir, kind);
      } finally {
        await release();
      }
    }
    renameSync(partial, target);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(partial, { force: true });
  }
  log(`备份完成 / backup written: ${target} (${kind}${existsSync(join(config.dataDir, ATTACHMENTS)) ? ', with attachments' : ''})`);
  log(keyReminder(config.dataDir));
}
