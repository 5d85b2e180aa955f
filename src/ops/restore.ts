import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config';
import { openPostgres, PGLITE_EXTENSIONS } from '../db/client';
import { lockDataDir } from '../db/data-dir-lock';
import { ATTACHMENTS, DB_FILE, keyReminder, readManifest, unpackArchive } from './archive';
import { libpqTarget, opsError, run } from './process';

// Files that may already sit in an "empty" data directory: the key the operator put back before
// restoring, and our own lock.
const ALLOWED_IN_EMPTY_DIR = new Set(['secret.key', 'server.lock', 'server.pid']);

/**
 * `cli restore <file>`: into an empty data directory (PGlite) or an empty database (PostgreSQL)
 * only — restoring over live data would mix two histories and break every audit chain.
 */
export async function restore(config: Pick<Config, 'dataDir' | 'databaseUrl'>, file: string, log: (line: string) => void): Promise<void> {
  const source = resolve(file);
  if (!existsSync(source)) throw opsError(`找不到备份文件 ${source}。`, `Backup file ${source} not found.`);
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  mkdirSync(config.dataDir, { recursive: true });
  const release = kind === 'pglite' ? await lockDataDir(config.dataDir) : async () => undefined;
  let withAttachments = false;
  try {
    await assertEmpty(config, kind);
    const staging = mkdtempSync(join(config.dataDir, '.restore-'));
    try {
      await unpackArchive(source, staging);
      const manifest = readManifest(staging);
      if (manifest.database !== kind) {
        throw opsError(
          `此备份来自 ${manifest.database} 数据库，当前配置使用 ${kind}（${kind === 'postgres' ? '已设置' : '未设置'} DATABASE_URL）。`,
          `This backup is of a ${manifest.database} database but the current setting is ${kind} (DATABASE_URL is ${kind === 'postgres' ? 'set' : 'not set'}).`,
        );
      }
      if (config.databaseUrl) {
        const { dbname, env } = libpqTarget(config.databaseUrl);
        // One transaction: a failed restore leaves the database empty, ready for another try.
        await run(
          'pg_restore',
          ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, join(staging, DB_FILE.postgres)],
          env,
        );
      } else {
        await restorePglite(join(config.dataDir, 'pglite'), join(staging, DB_FILE.pglite));
      }
      if (existsSync(join(staging, ATTACHMENTS))) {
        renameSync(join(staging, ATTACHMENTS), join(config.dataDir, ATTACHMENTS));
        withAttachments = true;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  } finally {
    await release();
  }
  const into = kind === 'postgres' ? 'the database at DATABASE_URL' : join(config.dataDir, 'pglite');
  log(`恢复完成 / restored ${source} into ${into}${withAttachments ? ` and ${join(config.dataDir, ATTACHMENTS)}` : ''}`);
  log(keyReminder(config.dataDir));
  if (!process.env.SHOUHOU_ENCRYPTION_KEY && !existsSync(join(config.dataDir, 'secret.key'))) {
    log(`请先放回原密钥（复制到 ${join(config.dataDir, 'secret.key')} 或设置 SHOUHOU_ENCRYPTION_KEY），再启动服务器。`);
    log(`Put the original key back first (copy it to ${join(config.dataDir, 'secret.key')} or set SHOUHOU_ENCRYPTION_KEY), before starting the server:`);
    log('a server started without it would create a new key, under which the restored contacts cannot be read.');
  }
  log('Then check it: npm run cli -- audit verify');
}

async function restorePglite(dir: string, dump: string): Promise<void> {
  try {
    const client = new PGlite(dir, { loadDataDir: new Blob([readFileSync(dump)]), extensions: PGLITE_EXTENSIONS });
    await client.waitReady;
    await client.close();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true }); // it was empty before: leave it so
    throw err;
  }
}

async function assertEmpty(config: Pick<Config, 'dataDir' | 'databaseUrl'>, kind: 'pglite' | 'postgres'): Promise<void> {
  const attachments = join(config.dataDir, ATTACHMENTS);
  if (kind === 'pglite') {
    const present = readdirSync(config.dataDir).filter((f) => !ALLOWED_IN_EMPTY_DIR.has(f));
    if (present.length) {
      throw opsError(
        `数据目录 ${config.dataDir} 不是空的（${present.join('、')}）：只能恢复到空目录。请指定新的 SHOUHOU_DATA_DIR。`,
        `The data directory ${config.dataDir} is not empty (${present.join(', ')}): restore only goes into an empty one. Point SHOUHOU_DATA_DIR at a new directory.`,
      );
    }
    return;
  }
  const database = openPostgres(config.databaseUrl!, 1);
  try {
    const r = await database.exec(`
      select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
       where s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg\\_toast%' and s.nspname not like 'pg\\_temp%'`);
    if (Number(r.rows[0]!.n) > 0) {
      throw opsError(
        '目标数据库不是空的：只能恢复到空数据库。请新建一个数据库（createdb）并让 DATABASE_URL 指向它。',
        'The target database is not empty: restore only goes into an empty database. Create a new one (createdb) and point DATABASE_URL at it.',
      );
    }
  } finally {
    await database.close();
  }
  if (existsSync(attachments) && readdirSync(attachments).length) {
    throw opsError(
      `附件目录 ${attachments} 不是空的：只能恢复到空目录。`,
      `The attachments directory ${attachments} is not empty: restore only goes into an empty one.`,
    );
  }
}
