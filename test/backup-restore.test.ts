import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../src/db/client';
import { migrateDatabase } from '../src/db/migrate';
import { buildApp } from '../src/http/app';
import { createUser } from '../src/modules/identity/identity.service';
import { createContext } from '../src/server';
import { PASSWORD } from './helpers/app';
import { runCli } from './helpers/cli';
import { freshDatabase, testDatabaseUrl } from './helpers/database';

// `npm run cli -- backup` and `restore`, end to end as an operator runs them: data and an attachment
// written through the API, a backup, a restore into an empty directory / empty database, then
// `audit verify` and the attachment read back there. Each database kind uses its own real storage
// (an on-disk PGlite directory, a PostgreSQL database), as the commands do.

const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
const LOG = Buffer.from('2026-11-19 08:00:01 ERROR 电源模块输出电压异常 U=18.2V\n', 'utf8');
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

/** An app on `database` storing files in `dataDir`, with an admin logged in. */
async function openApp(database: Database, dataDir: string, createAdmin: boolean) {
  await migrateDatabase(database);
  const ctx = createContext(database, { dataDir, maxAttachmentBytes: 1024 * 1024 });
  const app = await buildApp(ctx);
  if (createAdmin) await createUser(ctx, { username: 'admin', password: PASSWORD, role: 'admin', displayName: '管理员', team: null }, null);
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
  expect(login.statusCode, login.body).toBe(200);
  const cookie = `shouhou_session=${login.cookies.find((c) => c.name === 'shouhou_session')!.value}`;
  const as = (o: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }) =>
    app.inject({ method: o.method as 'GET', url: o.url, payload: o.payload as object, headers: { cookie, ...(o.headers ?? {}) } });
  return { ctx, app, as };
}

/** A customer, a worked ticket and an uploaded log file; returns what must come back after a restore. */
async function writeData(as: Awaited<ReturnType<typeof openApp>>['as']) {
  const created = await as({
    method: 'POST',
    url: '/api/v1/tickets',
    payload: {
      channel: 'phone',
      requestType: 'repair',
      description: '设备指示灯不亮，无法启动',
      customer: { name: '华东精密制造有限公司', phone: '13812345678' },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const ticketId = created.json().id as string;
  expect(
    (await as({ method: 'PATCH', url: `/api/v1/tickets/${ticketId}`, payload: { priority: 'important', priorityReason: '主要功能异常' } })).statusCode,
  ).toBe(200);
  const boundary = `----shouhou${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="故障日志.log"\r\nContent-Type: text/plain\r\n\r\n`),
    LOG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await as({
    method: 'POST',
    url: `/api/v1/tickets/${ticketId}/attachments`,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(up.statusCode, up.body).toBe(201);
  return { ticketId, attachmentId: up.json().items[0].id as string };
}

interface Side {
  dataDir: string;
  /** DATABASE_URL for the CLI; null on PGlite. */
  url: string | null;
  open(): Promise<Database>;
}

let source: Side;
let target: Side;
let dropAll: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  if (onPostgres) {
    const src = await freshDatabase();
    await src.database.close(); // the CLI and openApp below connect by URL
    const srcUrl = testDatabaseUrl(src.database)!;
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    const name = `shouhou_restore_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name} template template0`);
    const url = new URL(inject('postgresUrl'));
    url.pathname = `/${name}`;
    source = { dataDir: tempDir('shouhou-src-'), url: srcUrl, open: async () => openPostgres(srcUrl, 4) };
    target = { dataDir: join(tempDir('shouhou-dst-'), 'data'), url: url.toString(), open: async () => openPostgres(url.toString(), 4) };
    dropAll = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`drop database if exists ${new URL(srcUrl).pathname.slice(1)} with (force)`);
      await admin.end();
    };
  } else {
    const src = tempDir('shouhou-src-');
    const dst = join(tempDir('shouhou-dst-'), 'data');
    source = { dataDir: src, url: null, open: () => openPglite(join(src, 'pglite')) };
    target = { dataDir: dst, url: null, open: () => openPglite(join(dst, 'pglite')) };
  }
});
afterAll(async () => {
  await dropAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const cli = (side: Side, args: string[], env: Record<string, string | null> = {}) =>
  runCli(args, { SHOUHOU_DATA_DIR: side.dataDir, DATABASE_URL: side.url, SHOUHOU_ENCRYPTION_KEY: null, ...env });

describe(`npm run cli -- backup / restore (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('restores database and attachments into an empty place, where audit verify passes and the file reads back', async () => {
    const database = await source.open();
    const { app, as } = await openApp(database, source.dataDir, true);
    const { ticketId, attachmentId } = await writeData(as);
    await app.close();
    await database.close();

    const file = join(tempDir('shouhou-backup-'), 'shouhou.backup');
    const made = await cli(source, ['backup', file]);
    expect(made.code, made.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    // The reminder names where the key is, because the archive does not carry it.
    expect(made.stdout).toContain('does NOT contain the encryption key');
    expect(made.stdout).toContain(join(source.dataDir, 'secret.key'));

    const restored = await cli(target, ['restore', file]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('does NOT contain the encryption key');
    expect(existsSync(join(target.dataDir, 'secret.key'))).toBe(false);

    // Without the key, verify refuses instead of reporting every chain as forged; with it, all holds.
    const noKey = await cli(target, ['audit', 'verify']);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('SHOUHOU_ENCRYPTION_KEY');
    copyFileSync(join(source.dataDir, 'secret.key'), join(target.dataDir, 'secret.key'));
    const verified = await cli(target, ['audit', 'verify']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^OK: \d+ events/m);

    const restoredDb = await target.open();
    try {
      const { app: app2, as: as2 } = await openApp(restoredDb, target.dataDir, false);
      const content = await as2({ method: 'GET', url: `/api/v1/attachments/${attachmentId}/content` });
      expect(content.statusCode).toBe(200);
      expect(content.rawPayload.equals(LOG)).toBe(true);
      const ticket = await as2({ method: 'GET', url: `/api/v1/tickets/${ticketId}` });
      expect(ticket.json()).toMatchObject({ id: ticketId, priority: 'important', status: 'graded' });
      // Contact data decrypts with the key put back beside the restored data.
      const reveal = await as2({ method: 'POST', url: `/api/v1/tickets/${ticketId}/reveal`, payload: { reason: '恢复后核对' } });
      expect(reveal.body).toContain('138 1234 5678');
      await app2.close();
    } finally {
      await restoredDb.close();
    }
  }, 240_000);

  it('refuses to restore over existing data, and leaves it untouched', async () => {
    const file = readdirSync(dirs.find((d) => d.includes('shouhou-backup-'))!).map((f) =>
      join(
        dirs.find((d) => d.includes('shouhou-backup-'))!,
        f,
      ),
    )[0]!;
    const before = readdirSync(target.dataDir).sort();
    const again = await cli(target, ['restore', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    expect(again.stderr).toMatch(/不是空的/);
    expect(readdirSync(target.dataDir).sort()).toEqual(before);
    const verified = await cli(target, ['audit', 'verify']);
    expect(verified.code, verified.stdout).toBe(0);
  }, 120_000);

  it('refuses to overwrite an existing backup file', async () => {
    const dir = dirs.find((d) => d.includes('shouhou-backup-'))!;
    const file = join(dir, readdirSync(dir)[0]!);
    const r = await cli(source, ['backup', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already exists');
  }, 120_000);
});
