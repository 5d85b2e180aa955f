import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModules } from '../../composition';
import { openPostgres, type Database } from '../../db/client';
import { createContext } from '../../server';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { testDatabaseUrl } from '../../../test/helpers/database';
import { startInboundSmtp, type InboundListener } from './mail.listener';

// Two server processes on one PostgreSQL, each with its own listener and connection pool: a mail
// bomb spread over both is still held to one per-sender count (rate_limits is in the database).
const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';
const SUPPORT = 'support@shouhou.test';
let t: TestApp;
let other: Database;
const listeners: InboundListener[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp();
  other = openPostgres(testDatabaseUrl(t.ctx.database)!, 2);
  const ctx2 = createContext(other, { dataDir: t.ctx.dataDir, maxAttachmentBytes: t.ctx.maxAttachmentBytes }, t.clock, t.ctx.keys);
  const env = { ...t.modules.mail, supportAddress: SUPPORT };
  const limit = { max: 2, windowMs: 3_600_000 };
  for (const tickets of [t.modules.tickets, createModules(ctx2, env).tickets])
    listeners.push(await startInboundSmtp({ tickets, env, senderLimit: limit }, { port: 0, host: '127.0.0.1' }));
});
afterAll(async () => {
  for (const l of listeners) await l.close();
  await other?.close();
  await t?.close();
});

const sendVia = (l: InboundListener, subject: string) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port: l.port, secure: false, ignoreTLS: true })
    .sendMail({ from: 'bomb@spam.test', to: SUPPORT, subject, text: 'x' });

describe.skipIf(!onPostgres)('per-sender limit across processes', () => {
  it('refuses the third mail from one sender whichever process receives it', async () => {
    await sendVia(listeners[0]!, 'one');
    await sendVia(listeners[1]!, 'two');
    await expect(sendVia(listeners[1]!, 'three')).rejects.toMatchObject({ responseCode: 450 });
    await expect(sendVia(listeners[0]!, 'four')).rejects.toMatchObject({ responseCode: 450 });
    const n = await t.ctx.database.exec(`select count(*)::int as n from tickets where channel = 'email'`);
    expect(Number(n.rows[0]!.n)).toBe(2);
  });
});
