import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { testDatabaseUrl } from '../../../test/helpers/database';
import { createModules } from '../../composition';
import { openPostgres, type Database } from '../../db/client';
import { createContext } from '../../server';
import { dovecotInstalled, startDovecot, type Dovecot } from '../../../test/helpers/dovecot';
import { createImapPoller, REFUSED_FLAG, type ImapPoller } from './mail.imap-poller';
import { MailInFlight, receiveMail } from './mail.inbound';

// 收信轮询 against a real dovecot: mail in the support mailbox becomes tickets through the same
// receiveMail() as the SMTP listener, each message once, marked \Seen only after it was filed.
const SUPPORT = 'support@shouhou.test';
const CHAIN = '/api/v1/audit/channel_settings/00000000-0000-4000-8000-0000000c4a77';
let t: TestApp;
let dovecot: Dovecot;
let poller: ImapPoller;
const logged: string[] = [];

/** A logger that keeps every line, to check nothing secret is ever written. */
const captureLog = {
  info: (...a: unknown[]) => logged.push(JSON.stringify(a)),
  warn: (...a: unknown[]) => logged.push(JSON.stringify(a)),
  error: (...a: unknown[]) => logged.push(JSON.stringify(a)),
} as unknown as FastifyBaseLogger;

beforeAll(async () => {
  dovecot = await startDovecot();
  t = await createTestApp();
  poller = createImapPoller({ tickets: t.modules.tickets, env: { ...t.modules.mail, supportAddress: SUPPORT } }, { log: captureLog });
}, 30_000);
afterAll(async () => {
  await t?.close();
  await dovecot?.stop();
});

const settings = (over: Record<string, unknown> = {}) => ({
  host: '127.0.0.1',
  port: dovecot.port,
  tls: 'none',
  username: dovecot.user,
  password: dovecot.password,
  folder: 'INBOX',
  pollSeconds: 30,
  enabled: true,
  ...over,
});
const save = (body: Record<string, unknown>) => t.as('admin', { method: 'PUT', url: '/api/v1/mail/imap', payload: body });
const poll = () => poller.pollOnce({ force: true });
const ticketCount = async () => Number((await t.ctx.database.exec(`select count(*)::int as n from tickets`)).rows[0]!.n);
let seq = 0;
const mail = (o: { from: string; subject: string; text: string; headers?: string; messageId?: string }) => {
  const id = o.messageId ?? `<m${++seq}.${Date.now()}@customer.test>`;
  return {
    id,
    raw: `From: ${o.from}\nTo: ${SUPPORT}\nSubject: ${o.subject}\nMessage-ID: ${id}\nDate: Fri, 20 Nov 2026 10:00:00 +0800\n${o.headers ?? ''}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${o.text}\n`,
  };
};

describe.skipIf(!dovecotInstalled())('IMAP mailbox settings', () => {
  it('refuses bad settings with field paths and saves nothing', async () => {
    const res = await save(settings({ port: 0, host: 'mail example.com', tls: 'ssl' }));
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.issues as { path: string }[]).map((i) => String(i.path));
    expect(paths.join(' ')).toMatch(/port/);
    expect(paths.join(' ')).toMatch(/host/);
    expect(paths.join(' ')).toMatch(/tls/);
    // Plain text is for a loopback server only: the password would cross the network in clear.
    const clear = await save(settings({ host: 'imap.exmail.qq.com' }));
    expect(clear.statusCode).toBe(400);
    expect(String(clear.json().error.issues[0].path)).toContain('tls');
    expect((await t.as('admin', { method: 'GET', url: '/api/v1/mail/imap' })).json()).toMatchObject({ source: 'none', host: null });
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/mail/imap' })).statusCode).toBe(403);
  });

  it('saves the mailbox with the password encrypted and never shown, and audits the change', async () => {
    const res = await save(settings());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'database', host: '127.0.0.1', tls: 'none', hasPassword: true, folder: 'INBOX' });
    expect(res.body).not.toContain(dovecot.password);
    const stored = await t.ctx.database.exec(`select password_enc from mail_imap_settings`);
    expect(String(stored.rows[0]!.password_enc)).toMatch(/^v1:/);
    const events = (await t.as('admin', { method: 'GET', url: CHAIN })).json().items as { type: string; data: { secretsChanged: string[] } }[];
    const created = events.find((e) => e.type === 'imap_settings_created');
    expect(created?.data.secretsChanged).toEqual(['password']);
    expect(JSON.stringify(events)).not.toContain(dovecot.password);
    // Saving again without a password keeps the stored one.
    expect((await save(settings({ password: undefined, pollSeconds: 60 }))).json().hasPassword).toBe(true);
  });

  it('tests the connection: the unseen count, or the server refusal in Chinese', async () => {
    const ok = (await t.as('admin', { method: 'POST', url: '/api/v1/mail/imap/test' })).json();
    expect(ok).toMatchObject({ ok: true, unseen: 0, error: null });
    await save(settings({ password: 'wrong-password' }));
    const bad = (await t.as('admin', { method: 'POST', url: '/api/v1/mail/imap/test' })).json();
    expect(bad.ok).toBe(false);
    expect(bad.error).toContain('登录失败');
    // A poll with the wrong password records why on the mailbox, and nothing secret in the log.
    expect((await poll()).skipped).toBe('error');
    const view = (await t.as('admin', { method: 'GET', url: '/api/v1/mail/imap' })).json();
    expect(view.lastError).toMatch(/^auth/);
    await save(settings());
    expect(logged.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!dovecotInstalled())('polling the support mailbox', () => {
  let ticketId = '';
  let firstId = '';

  it('opens a ticket on channel email for the customer found by the sender address, and marks the mail seen', async () => {
    const customer = await makeCustomer(t, { name: '苏州恒通', contacts: [{ name: '王工', email: 'wang@hengtong.test', isPrimary: true }] } as never);
    const m = mail({ from: '王工 <wang@hengtong.test>', subject: '打印机卡纸 IMAPHT1', text: '每页都卡纸。\n\n-- \n王工' });
    firstId = m.id;
    const uid = await dovecot.deliver(m.raw);
    const r = await poll();
    expect(r.outcomes).toEqual(['created']);
    const [found] = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets?q=IMAPHT1` })).json().items as { id: string; channel: string }[];
    expect(found?.channel).toBe('email');
    ticketId = found!.id;
    const detail = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${ticketId}` })).json();
    expect(detail.customerId ?? detail.customer?.id).toBe(customer.id);
    expect(detail.description).toBe('每页都卡纸。');
    expect((await dovecot.flags()).get(uid)?.has('\\Seen')).toBe(true);
  });

  it('threads a reply by In-Reply-To onto its ticket', async () => {
    const before = await ticketCount();
    await dovecot.deliver(
      mail({ from: 'wang@hengtong.test', subject: 'Re: 打印机卡纸', text: '换了纸也一样。\n\n> 每页都卡纸。', headers: `In-Reply-To: ${firstId}\n` }).raw,
    );
    expect((await poll()).outcomes).toEqual(['threaded']);
    expect(await ticketCount()).toBe(before);
    const events = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${ticketId}/events` })).json().items as { type: string; body: string }[];
    expect(events.some((e) => e.type === 'customer_message' && e.body === '换了纸也一样。')).toBe(true);
  });

  it('files an auto-reply without a ticket', async () => {
    const before = await ticketCount();
    const uid = await dovecot.deliver(
      mail({ from: 'wang@hengtong.test', subject: '自动回复：外出', text: '我不在办公室', headers: 'Auto-Submitted: auto-replied\n' }).raw,
    );
    expect((await poll()).outcomes).toEqual(['ignored']);
    expect(await ticketCount()).toBe(before);
    expect((await dovecot.flags()).get(uid)?.has('\\Seen')).toBe(true);
  });

  it('marks a mail seen only after it was filed; a failed filing leaves it for the next poll, a second poll makes nothing new', async () => {
    const before = await ticketCount();
    const uid = await dovecot.deliver(mail({ from: 'li@newco.test', subject: '新客户咨询 IMAPNEW', text: '请问保修多久？' }).raw);
    // The database goes away mid-filing: nothing filed, the mail stays unseen.
    const failing = createImapPoller(
      { tickets: t.modules.tickets, env: t.modules.mail },
      {
        receive: () => {
          throw new Error('database away');
        },
        log: captureLog,
      },
    );
    expect((await failing.pollOnce({ force: true })).skipped).toBe('error');
    expect((await dovecot.flags()).get(uid)?.has('\\Seen')).toBe(false);
    expect(await ticketCount()).toBe(before);
    // Filed: at that moment (its rows committed) the mail is still unseen; \Seen comes after.
    let seenWhenFiled: boolean | undefined;
    const watching = createImapPoller(
      { tickets: t.modules.tickets, env: t.modules.mail },
      {
        receive: async (...args) => {
          const out = await receiveMail(...args);
          seenWhenFiled = (await dovecot.flags()).get(uid)?.has('\\Seen');
          return out;
        },
      },
    );
    expect((await watching.pollOnce({ force: true })).outcomes).toEqual(['created']);
    expect(seenWhenFiled).toBe(false);
    expect((await dovecot.flags()).get(uid)?.has('\\Seen')).toBe(true);
    expect(await ticketCount()).toBe(before + 1);
    expect((await poll()).outcomes).toEqual([]);
    // A crash after the commit, before \Seen and the UID were recorded: read again, filed once (Message-ID).
    const c = await dovecot.client();
    await c.mailboxOpen('INBOX');
    await c.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
    await c.logout();
    await t.ctx.database.exec(`update mail_imap_mailboxes set last_uid = ${uid - 1}`);
    expect((await poll()).outcomes).toEqual(['duplicate']);
    expect(await ticketCount()).toBe(before + 1);
  });

  it('leaves a mail that an SMTP delivery is filing right now for the next poll, without reporting a failure', async () => {
    const before = await ticketCount();
    const uid = await dovecot.deliver(mail({ from: 'zhou@both.test', subject: '两路同到 IMAPBUSY', text: '邮件同时经 SMTP 到达。' }).raw);
    const busy = createImapPoller(
      { tickets: t.modules.tickets, env: t.modules.mail },
      {
        receive: () => {
          throw new MailInFlight();
        },
        log: captureLog,
      },
    );
    const r = await busy.pollOnce({ force: true });
    expect(r.skipped).toBeUndefined();
    expect(r.refused).toBe(0);
    expect((await dovecot.flags()).get(uid)?.has('\\Seen')).toBe(false);
    expect((await dovecot.flags()).get(uid)?.has(REFUSED_FLAG)).toBe(false);
    expect((await t.ctx.database.exec(`select last_error from mail_imap_mailboxes`)).rows.map((x) => x.last_error)).toEqual([null]);
    // The next poll files it.
    expect((await poll()).outcomes).toEqual(['created']);
    expect(await ticketCount()).toBe(before + 1);
  });

  it('refuses an oversized mail once and marks it so it is not read again', async () => {
    const before = await ticketCount();
    const big = 'x'.repeat(76) + '\n';
    const uid = await dovecot.deliver(mail({ from: 'big@files.test', subject: '大附件', text: big.repeat(Math.ceil((3 * 1024 * 1024) / big.length)) }).raw);
    expect(await poll()).toMatchObject({ outcomes: [], refused: 1 });
    const flags = (await dovecot.flags()).get(uid);
    expect(flags?.has('\\Seen') && flags.has(REFUSED_FLAG)).toBe(true);
    expect(await poll()).toMatchObject({ outcomes: [], refused: 0 });
    expect(await ticketCount()).toBe(before);
  });

  it('keeps a mail refused for now (the sender over its hourly limit) and files it once the limit allows, other senders meanwhile', async () => {
    const before = await ticketCount();
    const limited = createImapPoller({ tickets: t.modules.tickets, env: t.modules.mail, senderLimit: { max: 1, windowMs: 3_600_000 } }, { log: captureLog });
    const first = await dovecot.deliver(mail({ from: 'dealer@busy.test', subject: '经销商报修 IMAPLIM1', text: '第一台设备不开机' }).raw);
    const second = await dovecot.deliver(mail({ from: 'dealer@busy.test', subject: '经销商报修 IMAPLIM2', text: '第二台设备报警' }).raw);
    const other = await dovecot.deliver(mail({ from: 'wu@other.test', subject: '其他客户 IMAPLIM3', text: '指示灯不亮' }).raw);
    expect(await limited.pollOnce({ force: true })).toMatchObject({ outcomes: ['created', 'created'], refused: 0, deferred: 1 });
    const flags = await dovecot.flags();
    // Neither seen nor marked refused: the mailbox still shows it as new, and the next polls read it.
    expect(flags.get(second)?.has('\\Seen')).toBe(false);
    expect(flags.get(second)?.has(REFUSED_FLAG)).toBe(false);
    expect([first, other].every((uid) => flags.get(uid)?.has('\\Seen'))).toBe(true);
    // Still within the hour: deferred again, and the mail after it is not filed twice.
    expect(await limited.pollOnce({ force: true })).toMatchObject({ outcomes: ['duplicate'], deferred: 1 });
    expect(await ticketCount()).toBe(before + 2);
    t.clock.advance(3_600_000);
    expect(await limited.pollOnce({ force: true })).toMatchObject({ outcomes: ['created', 'duplicate'], deferred: 0 });
    expect((await dovecot.flags()).get(second)?.has('\\Seen')).toBe(true);
    expect(await ticketCount()).toBe(before + 3);
    expect(await limited.pollOnce({ force: true })).toMatchObject({ outcomes: [], deferred: 0 });
  });

  it('lets one poller at a time read the mailbox: each mail is filed once', async () => {
    const before = await ticketCount();
    for (let i = 0; i < 4; i++) await dovecot.deliver(mail({ from: `p${i}@parallel.test`, subject: `并发 IMAPPAR${i}`, text: `第 ${i} 封` }).raw);
    const other = createImapPoller({ tickets: t.modules.tickets, env: t.modules.mail });
    const results = await Promise.all([poll(), other.pollOnce({ force: true }), poll()]);
    expect(results.flatMap((r) => r.outcomes).filter((o) => o === 'created')).toHaveLength(4);
    expect(await ticketCount()).toBe(before + 4);
  });

  // Two server processes on one PostgreSQL, each with its own connection pool and poller: the lease
  // row lets one read the mailbox at a time, so each mail is filed once whichever process polls.
  it.skipIf(process.env.SHOUHOU_TEST_DB !== 'postgres')('files each mail once with two server processes polling at once', async () => {
    const otherDb: Database = openPostgres(testDatabaseUrl(t.ctx.database)!, 2);
    try {
      const ctx2 = createContext(otherDb, { dataDir: t.ctx.dataDir, maxAttachmentBytes: t.ctx.maxAttachmentBytes }, t.clock, t.ctx.keys);
      const second = createImapPoller({ tickets: createModules(ctx2, t.modules.mail).tickets, env: t.modules.mail });
      const before = await ticketCount();
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 3; i++)
          await dovecot.deliver(mail({ from: `r${round}.${i}@twoproc.test`, subject: `两个进程 IMAP2P${round}${i}`, text: '一次' }).raw);
        await Promise.all([poll(), second.pollOnce({ force: true }), poll(), second.pollOnce({ force: true })]);
      }
      expect(await ticketCount()).toBe(before + 9);
      const dup = await t.ctx.database.exec(`select message_id from mail_messages where direction = 'in' group by message_id having count(*) > 1`);
      expect(dup.rows).toEqual([]);
    } finally {
      await otherDb.close();
    }
  });

  it('never writes the password or a message body to the log', () => {
    const all = logged.join('\n');
    expect(all).not.toContain(dovecot.password);
    expect(all).not.toContain('每页都卡纸');
    expect(all).not.toContain('xxxxxxxxxx');
  });
});
