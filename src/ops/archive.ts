import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyLocation } from '../security/keyring';
import { opsError, run } from './process';

// A backup is one tar file: manifest.json, the database (a PGlite data-directory dump or a pg_dump
// custom-format archive) and the attachments directory as the server stores it
// (<data dir>/attachments/<aa>/<bb>/<sha256>). The encryption key is deliberately not in it.

export const MANIFEST = 'manifest.json';
export const DB_FILE = { pglite: 'database.pglite.tar.gz', postgres: 'database.pgdump' } as const;
export const ATTACHMENTS = 'attachments';

export interface Manifest {
  format: 'shouhou-backup';
  version: 1;
  database: 'pglite' | 'postgres';
  createdAt: string;
  attachments: boolean;
}

export function writeManifest(staging: string, m: Manifest): void {
  writeFileSync(join(staging, MANIFEST), JSON.stringify(m, null, 2));
}

export function readManifest(staging: string): Manifest {
  const file = join(staging, MANIFEST);
  const m = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>) : null;
  if (m?.format !== 'shouhou-backup' || m.version !== 1 || !m.database || !existsSync(join(staging, DB_FILE[m.database]))) {
    throw opsError('这不是 shouhou 备份文件（或已损坏）。', 'This is not a shouhou backup (or it is damaged).');
  }
  return m as Manifest;
}

/** Packs the staged manifest and database with <dataDir>/attachments (minus uploads still in flight). */
export async function packArchive(target: string, staging: string, dataDir: string, database: Manifest['database']): Promise<void> {
  const args = ['-cf', target, `--exclude=${ATTACHMENTS}/tmp`, '-C', staging, MANIFEST, DB_FILE[database]];
  if (existsSync(join(dataDir, ATTACHMENTS))) args.push('-C', dataDir, ATTACHMENTS);
  await run('tar', args);
}

export async function unpackArchive(file: string, staging: string): Promise<void> {
  await run('tar', ['-xf', file, '-C', staging]);
}

/** Printed after every backup and restore: the one thing the archive cannot carry. */
export function keyReminder(dataDir: string): string {
  const where = keyLocation(dataDir);
  return [
    `注意：备份中不包含加密密钥（${where}）。没有它，客户联系方式无法解密，审计校验也无法运行。请把密钥与备份分开妥善保管。`,
    `NOTE: the backup does NOT contain the encryption key (${where}). Without it customer contact data cannot be decrypted and`,
    '`audit verify` refuses to run. Keep a copy of the key safe, separately from the backups.',
  ].join('\n');
}
