import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer } from '../../../test/factories';
import { startCapture } from '../../../test/helpers/mail-capture';
import { MailInFlight, receiveMail, type InboundDeps, type InboundOutcome } from './mail.inbound';
import { startInboundSmtp, type InboundListener } from './mail.listener';

const SUPPORT = 'support@shouhou.test';
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startCapture>>;
let inbound: InboundListener;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startCapture();
  await t.as('admin', {
    method: 'PUT',
    url: '/api/v1/mail/settings',
    payload: { host: '127.0.0.1', port: smtp.port, secure: false, username: null, fromAddress: `售后服务 <${SUPPORT}>` },
  });
  inbound = await startInboundSmtp(
    {
      tickets: t.modules.tickets,
      env: { ...t.modules.mail, supportAddress: SUPPORT },
      senderLimit: { max: 3, windowMs: 3_600_000 },
    },
    { port: 0, host: '127.0.0.1' },
  );
});
afterAll(async () => {
  await inbound?.close();
  await smtp?.close();
  await t?.close();
});

/** Sends through the built-in listener exactly as a customer's mail server would. */
const send = (message: SendMailOptions) =>
  nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true }).sendMail({ to: SUPPORT, ...message });

const ticketsOf = async (q: string) =>
  (await t.as('agent', { method: 'GET', url: `/api/v1/tickets?q=${encodeURIComponent(q)}` })).json().items as { id: string; number: string; channel: string }[];
const events = async (id: string) =>
  (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/events` })).json().items as {
    type: string;
    body: string | null;
    actorName: string | null;
    data: Record<string, unknown> | null;
  }[];
const mails = async (id: string) =>
  (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${id}/mail` })).json().items as {
    id: number;
    direction: string;
    status: string;
    kind: string;
    hasHtml: boolean;
  }[];
const ticketCount = async () => Number((await t.ctx.database.exec('select count(*)::int as n from tickets')).rows[0]!.n);

describe('mail to the support address', () => {
  let ticketId = '';
  let number = '';

  it('opens a ticket on channel email for a new customer and confirms it in their language', async () => {
    await send({
      from: 'Alice Smith <alice@customer.test>',
      subject: 'Scanner jams UNIQSCAN',
      text: 'The scanner jams on every page.\n\n-- \nAlice, ACME Ltd\n+1 555 0100',
    });
    const [found] = await ticketsOf('UNIQSCAN');
    expect(found?.channel).toBe('email');
    ticketId = found!.id;
    number = found!.number;
    const detail = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${ticketId}` })).json();
    expect(detail.description).toBe('The scanner jams on every page.');
    await t.workers.runOnce();
    const [ack] = smtp.to('alice@customer.test');
    expect(ack?.mail.subject).toBe(`[${number}] We have received your service request`);
    // The customer's address is stored encrypted.
    const stored = await t.ctx.database.exec(`select address_enc from mail_messages where direction = 'in'`);
    expect(stored.rows.every((r) => String(r.address_enc).startsWith('v1:'))).toBe(true);
  });

  it('threads a reply by In-Reply-To, trimming the quoted history', async () => {
    const ack = smtp.to('alice@customer.test')[0]!;
    await send({
      from: 'alice@customer.test',
      subject: 'Re: something else',
      inReplyTo: ack.mail.messageId,
      references: [ack.mail.messageId!],
      text: `It also smells of smoke.\n\nOn Mon, 30 Nov 2026 at 10:00, support <${SUPPORT}> wrote:\n> We have received your request`,
    });
    const msg = (await events(ticketId)).filter((e) => e.type === 'customer_message').at(-1);
    expect(msg?.body).toBe('It also smells of smoke.');
    expect((await ticketsOf('smells of smoke')).map((x) => x.id)).toEqual([ticketId]);
  });

  it('threads by the ticket number in the subject when no Message-ID matches', async () => {
    await send({ from: 'alice@customer.test', subject: `Re: [${number}] update`, text: 'Fixed after a restart?' });
    expect((await events(ticketId)).some((e) => e.type === 'customer_message' && e.body === 'Fixed after a restart?')).toBe(true);
  });

  it('files mail from a known address under that customer (blind index lookup)', async () => {
    const customer = await makeCustomer(t, { name: '上海宏达', contacts: [{ name: '陈工', email: 'chen@hongda.test', isPrimary: true }] } as never);
    await send({ from: 'chen@hongda.test', subject: '投影仪无法开机 HONGDA1', text: '会议室投影仪按电源没有反应。' });
    const [found] = await ticketsOf('HONGDA1');
    const detail = (await t.as('manager', { method: 'GET', url: `/api/v1/tickets/${found!.id}` })).json();
    expect(detail.customerId ?? detail.customer?.id).toBe(customer.id);
  });

  it('never opens tickets for auto-replies and bounces, and records the bounce on the mail it answers', async () => {
    await t.workers.runOnce(); // the earlier tests' confirmations go first
    const before = await ticketCount();
    const sentBefore = smtp.received.length;
    await send({ from: 'alice@customer.test', subject: `Out of office: [${number}]`, text: 'I am away', headers: { 'Auto-Submitted': 'auto-replied' } });
    await send({ from: 'news@shop.test', subject: 'Weekly deals', text: 'Buy', headers: { Precedence: 'bulk' } });
    const original = smtp.to('alice@customer.test')[0]!;
    const dsn = [
      `From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>`,
      `To: ${SUPPORT}`,
      `Subject: Undelivered Mail Returned to Sender`,
      `Message-ID: <dsn-1@mx.customer.test>`,
      `MIME-Version: 1.0`,
      `Content-Type: multipart/report; report-type=delivery-status; boundary="B"`,
      ``,
      `--B`,
      `Content-Type: text/plain`,
      ``,
      `550 5.1.1 mailbox unavailable`,
      `--B`,
      `Content-Type: message/delivery-status`,
      ``,
      `Final-Recipient: rfc822; alice@customer.test`,
      `Action: failed`,
      `Status: 5.1.1`,
      `--B`,
      `Content-Type: text/rfc822-headers`,
      ``,
      `Message-ID: ${original.mail.messageId}`,
      `Subject: ${original.mail.subject}`,
      `--B--`,
      ``,
    ].join('\r\n');
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from: '', to: [SUPPORT] }, raw: dsn });
    await t.workers.runOnce();
    expect(await ticketCount()).toBe(before);
    expect(smtp.received.length).toBe(sentBefore); // nothing answered: no loop
    expect((await events(ticketId)).some((e) => e.type === 'customer_message' && e.body === 'I am away')).toBe(false);
    expect((await mails(ticketId)).find((m) => m.kind === 'received')?.status).toBe('bounced');
    expect((await events(ticketId)).some((e) => e.type === 'mail_bounced')).toBe(true);
  });

  it('refuses a sender past the per-sender limit (counted in the database), without opening tickets', async () => {
    const from = 'bomber@spam.test';
    for (let i = 0; i < 3; i++) await send({ from, subject: `help ${i}`, text: 'x' });
    const before = await ticketCount();
    await expect(send({ from, subject: 'help 4', text: 'x' })).rejects.toMatchObject({ responseCode: 450 });
    expect(await ticketCount()).toBe(before);
    const counters = await t.ctx.database.exec(`select count from rate_limits where key like 'mail-in:%' order by count desc limit 1`);
    expect(Number(counters.rows[0]!.count)).toBe(4);
  });

  it('refuses header injection, malformed and oversized mail, and mail for other addresses', async () => {
    const before = await ticketCount();
    const raw = (headers: string[]) =>
      nodemailer
        .createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true })
        .sendMail({ envelope: { from: 'x@customer.test', to: [SUPPORT] }, raw: [...headers, '', 'body', ''].join('\r\n') });
    // A subject whose encoded words decode to a line break and a Bcc header.
    const injected = `=?UTF-8?B?${Buffer.from('hi\r\nBcc: victim@evil.test').toString('base64')}?=`;
    await expect(raw(['From: x@customer.test', `Subject: ${injected}`])).rejects.toMatchObject({ responseCode: 550 });
    await expect(raw(['Subject: no sender at all'])).rejects.toMatchObject({ responseCode: 550 });
    await expect(raw(['From: a@customer.test, b@customer.test', 'Subject: two senders'])).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      send({ from: 'big@customer.test', subject: 'big', text: 'x', attachments: [{ filename: 'big.pdf', content: Buffer.alloc(3 * 1024 * 1024, 1) }] }),
    ).rejects.toMatchObject({
      responseCode: 552,
    });
    await expect(send({ from: 'x@customer.test', to: 'someone-else@shouhou.test', subject: 'relay', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    expect(await ticketCount()).toBe(before);
  });

  it('keeps attachments through the attachments module and sanitises HTML before display', async () => {
    await send({
      from: 'html@customer.test',
      subject: 'Photo HTMLCASE',
      text: 'see photo',
      html: '<p onclick="steal()">see <b>photo</b></p><script>alert(1)</script><img src="https://tracker.evil.test/p.gif"><a href="javascript:alert(1)">x</a>',
      attachments: [
        { filename: 'photo.png', content: Buffer.from('89504e470d0a1a0a0000', 'hex') },
        { filename: 'tool.exe', content: Buffer.from('MZ') },
      ],
    });
    const [found] = await ticketsOf('HTMLCASE');
    const files = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${found!.id}/attachments` })).json().items as { fileName: string }[];
    expect(files.map((f) => f.fileName)).toEqual(['photo.png']);
    expect((await events(found!.id)).find((e) => e.type === 'mail_attachments_refused')?.data).toMatchObject({ files: [{ fileName: 'tool.exe' }] });
    const mail = (await mails(found!.id)).find((m) => m.direction === 'in')!;
    expect(mail.hasHtml).toBe(true);
    const safe = (await t.as('agent', { method: 'GET', url: `/api/v1/mail/messages/${mail.id}/html` })).json().html as string;
    expect(safe).not.toMatch(/script|onclick|javascript:/i);
    expect(safe).not.toMatch(/\ssrc="https:\/\/tracker/);
    expect(safe).toContain('data-remote-src="https://tracker.evil.test/p.gif"');
    const consented = (await t.as('agent', { method: 'GET', url: `/api/v1/mail/messages/${mail.id}/html?remoteImages=true` })).json().html as string;
    expect(consented).toContain('src="https://tracker.evil.test/p.gif"');
    expect(consented).not.toMatch(/script|onclick/i);
  });

  it('files a message delivered twice at the same moment once: the second delivery waits or is a duplicate', async () => {
    const deps: InboundDeps = {
      tickets: t.modules.tickets,
      env: { ...t.modules.mail, supportAddress: SUPPORT },
      senderLimit: { max: 50, windowMs: 3_600_000 },
    };
    const raw = (id: string) =>
      Buffer.from(
        [
          `From: Bo <bo@twice.test>`,
          `To: ${SUPPORT}`,
          `Subject: TWICEMAIL ${id}`,
          `Message-ID: <${id}@twice.test>`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          '打印机卡纸。',
          '',
        ].join('\r\n'),
      );
    const before = await ticketCount();
    for (const id of ['race-1', 'race-2', 'race-3']) {
      const settled = await Promise.allSettled([receiveMail(deps, raw(id), 'bo@twice.test'), receiveMail(deps, raw(id), 'bo@twice.test')]);
      const outcomes = settled.map((r) => (r.status === 'fulfilled' ? r.value.outcome : r.reason instanceof MailInFlight ? 'in_flight' : String(r.reason)));
      // Exactly one delivery files it; the other is told it is a duplicate, or (451) to try again later.
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
      expect(outcomes.every((o) => ['created', 'duplicate', 'in_flight'].includes(o))).toBe(true);
      // The sender's retry after the 451 finds it filed, and the lease is gone.
      expect((await receiveMail(deps, raw(id), 'bo@twice.test')).outcome).toBe('duplicate');
    }
    expect((await ticketCount()) - before).toBe(3);
    expect(Number((await t.ctx.database.exec('select count(*)::int as n from mail_inbound_claims')).rows[0]!.n)).toBe(0);
  });

  it('takes over the lease of a delivery whose process died ten minutes ago', async () => {
    const deps: InboundDeps = {
      tickets: t.modules.tickets,
      env: { ...t.modules.mail, supportAddress: SUPPORT },
      senderLimit: { max: 50, windowMs: 3_600_000 },
    };
    const raw = Buffer.from(
      [`From: cai@stale.test`, `To: ${SUPPORT}`, 'Subject: STALELEASE', 'Message-ID: <stale-1@stale.test>', '', '扫描仪不出纸。', ''].join('\r\n'),
    );
    const bidx = t.ctx.keys.blindIndex('cai@stale.test');
    const claim = (minutesAgo: number) =>
      t.ctx.database.exec(
        `insert into mail_inbound_claims (address_bidx, message_id, claimed_at) values ($1, $2, $3)
        on conflict (address_bidx, message_id) do update set claimed_at = excluded.claimed_at`,
        [bidx, '<stale-1@stale.test>', new Date(t.ctx.clock.now().getTime() - minutesAgo * 60_000)],
      );
    // A lease two minutes old: someone is filing it; the sender is asked to try later and nothing is filed.
    await claim(2);
    await expect(receiveMail(deps, raw, 'cai@stale.test')).rejects.toMatchObject({ responseCode: 451 });
    expect(await ticketsOf('STALELEASE')).toHaveLength(0);
    // Eleven minutes old: that process died; this delivery files it.
    await claim(11);
    const filed: InboundOutcome = await receiveMail(deps, raw, 'cai@stale.test');
    expect(filed.outcome).toBe('created');
    expect(await ticketsOf('STALELEASE')).toHaveLength(1);
  });

  it('files a message once when the process died after its ticket or reply was written and before the mail itself', async () => {
    const deps: InboundDeps = {
      tickets: t.modules.tickets,
      env: { ...t.modules.mail, supportAddress: SUPPORT },
      senderLimit: { max: 50, windowMs: 3_600_000 },
    };
    const raw = (from: string, id: string, headers: string[] = [], text = '投影仪无法开机。') =>
      Buffer.from([`From: ${from}`, `To: ${SUPPORT}`, `Subject: CRASHWINDOW ${id}`, `Message-ID: <${id}@crash.test>`, ...headers, '', text, ''].join('\r\n'));
    // The database refuses the mail's own row once: what a process dying right after the ticket's
    // commit leaves behind (the ticket, no mail row), then the sender's retry or the next IMAP poll.
    // A sequence, not a table, counts the inserts: nextval survives the failing statement's rollback.
    await t.ctx.database.exec('create sequence crash_once');
    await t.ctx.database.exec(`create function crash_once() returns trigger language plpgsql as $$
      begin
        if nextval('crash_once') = 1 then
          raise exception 'the process died here';
        end if;
        return new;
      end $$`);
    await t.ctx.database.exec('create trigger crash_once before insert on mail_messages for each row execute function crash_once()');
    const known = await makeCustomer(t, { contacts: [{ name: '冯工', email: 'feng@crash.test' }] });
    try {
      for (const [from, id] of [
        ['new-person@crash.test', 'crash-new'],
        ['feng@crash.test', 'crash-known'],
      ] as const) {
        await t.ctx.database.exec('alter sequence crash_once restart');
        await expect(receiveMail(deps, raw(from, id), from)).rejects.toThrow();
        expect(await ticketsOf(`CRASHWINDOW ${id}`)).toHaveLength(1);
        const again = await receiveMail(deps, raw(from, id), from);
        expect(again.outcome).toBe('created');
        const tickets = await ticketsOf(`CRASHWINDOW ${id}`);
        expect(tickets.map((x) => x.id)).toEqual([(again as { ticketId: string }).ticketId]);
        expect(await mails(tickets[0]!.id)).toHaveLength(1);
        expect((await receiveMail(deps, raw(from, id), from)).outcome).toBe('duplicate');
      }
      const [filed] = await ticketsOf('CRASHWINDOW crash-known');
      const detail = (await t.as('agent', { method: 'GET', url: `/api/v1/tickets/${filed!.id}` })).json() as { customerId: string };
      expect(detail.customerId).toBe(known.id);

      // The customer answers on that ticket; the same crash after the reply's event.
      const reply = raw('feng@crash.test', 'crash-reply', ['In-Reply-To: <crash-known@crash.test>'], '灯泡换了还是不亮。');
      await t.ctx.database.exec('alter sequence crash_once restart');
      await expect(receiveMail(deps, reply, 'feng@crash.test')).rejects.toThrow();
      expect(await receiveMail(deps, reply, 'feng@crash.test')).toMatchObject({ outcome: 'threaded', ticketId: filed!.id });
      const said = (await events(filed!.id)).filter((e) => e.type === 'customer_message');
      expect(said.map((e) => e.body)).toEqual(['灯泡换了还是不亮。']);
      expect(await mails(filed!.id)).toHaveLength(2);
    } finally {
      for (const drop of ['drop trigger crash_once on mail_messages', 'drop function crash_once()', 'drop sequence crash_once'])
        await t.ctx.database.exec(drop);
    }
  });
});
