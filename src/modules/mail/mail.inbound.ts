import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { loadMailParser } from '../../lazy-libs';
import { txContext, type Actor } from '../../context';
import type { MailConfig } from '../../config';
import { automaticReason, guessLocale, isBounce, referencedIds, ticketNumberIn, trimReply } from '../../domain/mail/inbound-rules';
import { headerSafe } from '../../domain/mail/template';
import { normalizeEmail } from '../../domain/pii/mask';
import { AppError } from '../../domain/shared/errors';
import { ticketCreateSchema } from '../../domain/ticket/ticket.schemas';
import { recordAttachments, stageAttachment, type StagedFile } from '../attachments/attachments.service';
import { Staging } from '../attachments/storage';
import { bumpLimit, type Limit } from '../identity/rate-limit';
import { addTicketEvent, createTicket, ticketIdByNumber, type TicketDeps } from '../tickets/tickets.service';
import { recordBounce, timeline } from './mail.outbound';
import { sanitizeMailHtml } from './mail.sanitize';
import { mailInboundClaims, mailMessages } from './mail.tables';

// 邮件受理 Mail to the support address becomes a ticket, or a customer message on the ticket it
// answers. Automatic mail (auto-replies, bounces) never does — that is how mail loops start.

/**
 * Speaks for the customer on the timeline. Only the service desk may add a customer's words to a
 * ticket (add-ticket-event.ts), so it carries the desk's role; it is no user (id null).
 */
export const MAIL_ACTOR: Actor = { id: null, name: '客户邮件', role: 'agent' };

/** Mails one sender may send per hour before further ones are refused (a mail bomb makes no tickets). */
export const SENDER_LIMIT: Limit = { max: 20, windowMs: 3_600_000 };

/** Refused with an SMTP reply: the sending server gives up (5xx) or tries later (4xx). */
export class MailRefused extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** The same message is being filed by another delivery right now: the sender tries again later and then gets "duplicate". */
export class MailInFlight extends MailRefused {
  constructor() {
    super(451, '4.3.0 this message is being filed, try again later');
  }
}

export interface InboundDeps {
  tickets: TicketDeps;
  env: MailConfig;
  senderLimit?: Limit;
}

export type InboundOutcome =
  | { outcome: 'created' | 'threaded'; ticketId: string; mailId: number }
  | { outcome: 'ignored' | 'bounce'; mailId: number; reason: string }
  | { outcome: 'duplicate'; mailId: number };

function headerOf(mail: ParsedMail) {
  return (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]*:\s*/, '');
}

const OUR_ID = /<shouhou\.[0-9a-f-]{36}@[^<>\s]+>/g;

/**
 * Reads one received message (the SMTP listener or the IMAP poller has checked its size) and files it.
 * `fallbackMessageId` stands in for a missing Message-ID when the caller can name the message stably
 * (the IMAP poller: mailbox, UIDVALIDITY and UID), so reading it again is still a duplicate.
 */
export async function receiveMail(deps: InboundDeps, raw: Buffer, envelopeFrom: string | null, fallbackMessageId?: string): Promise<InboundOutcome> {
  const ctx = deps.tickets;
  let mail: ParsedMail;
  try {
    mail = await (await loadMailParser()).simpleParser(raw, { maxHtmlLengthToParse: 2_000_000 });
  } catch {
    throw new MailRefused(550, '5.6.0 malformed message');
  }
  const senders = mail.from?.value ?? [];
  const from = senders[0]?.address?.trim() ?? '';
  if (senders.length !== 1 || !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(from)) throw new MailRefused(550, '5.1.7 exactly one valid From address required');
  // A decoded header holding a line break tries to smuggle headers into whatever repeats it (header injection).
  const subjectRaw = mail.subject ?? '';
  if (/[\r\n]/.test(subjectRaw) || /[\r\n]/.test(senders[0]?.name ?? '')) throw new MailRefused(550, '5.6.0 line breaks inside a header refused');

  const header = headerOf(mail);
  const now = ctx.clock.now();
  const senderBidx = ctx.keys.blindIndex(normalizeEmail(from));
  const messageId = mail.messageId?.trim() || fallbackMessageId || `<inbound.${now.getTime()}.${Math.random().toString(36).slice(2)}@shouhou>`;
  // What keys its ticket or reply, so a second filing after a crash gets the first back (openTicket).
  const filing = filingKey(`${senderBidx}\n${messageId}`);
  const text = mail.text ?? '';
  const row = {
    direction: 'in' as const,
    messageId,
    addressEnc: ctx.keys.encrypt(from),
    addressBidx: senderBidx,
    locale: guessLocale(`${subjectRaw} ${text}`),
    subject: headerSafe(subjectRaw),
    text: text.slice(0, 100_000),
    htmlSafe: mail.html ? sanitizeMailHtml(mail.html) : null,
    rawEnc: ctx.keys.encrypt(raw.toString('latin1')),
    createdAt: now,
  };

  // The same message delivered again (the sender's server retried after a lost reply) is filed once.
  const seen = () =>
    ctx.db
      .select({ id: mailMessages.id })
      .from(mailMessages)
      .where(and(eq(mailMessages.messageId, messageId), eq(mailMessages.direction, 'in'), eq(mailMessages.addressBidx, senderBidx)))
      .then((rows) => rows[0]);
  const filed = await seen();
  if (filed) return { outcome: 'duplicate', mailId: filed.id };
  // …also when the second delivery arrives while the first is still being filed (the check above
  // and the filing below are not one transaction: the ticket is written by the tickets module).
  if (!(await claimMessage(ctx.db, senderBidx, messageId, now))) {
    const meanwhile = await seen();
    if (meanwhile) return { outcome: 'duplicate', mailId: meanwhile.id };
    throw new MailInFlight();
  }
  try {
    return await fileMail();
  } finally {
    // Not deleted (the database went away): the lease goes stale and the sender's next try takes it over.
    await ctx.db
      .delete(mailInboundClaims)
      .where(and(eq(mailInboundClaims.addressBidx, senderBidx), eq(mailInboundClaims.messageId, messageId)))
      .catch(() => undefined);
  }

  async function fileMail(): Promise<InboundOutcome> {
    const automatic = automaticReason(header, envelopeFrom, from);
    if (automatic) {
      return ctx.db.transaction(async (tx) => {
        const inTx = txContext(ctx, tx);
        if (isBounce(header)) {
          const ours = [...new Set(raw.toString('latin1').match(OUR_ID) ?? [])];
          const bounced = await recordBounce(inTx, ours, text.slice(0, 300) || automatic);
          const [r] = await tx
            .insert(mailMessages)
            .values({ ...row, kind: 'bounce', status: 'ignored', lastError: automatic })
            .returning({ id: mailMessages.id });
          return { outcome: 'bounce' as const, mailId: bounced ?? r!.id, reason: automatic };
        }
        const [r] = await tx
          .insert(mailMessages)
          .values({ ...row, kind: 'auto', status: 'ignored', lastError: automatic })
          .returning({ id: mailMessages.id });
        return { outcome: 'ignored' as const, mailId: r!.id, reason: automatic };
      });
    }

    // Per sender, counted in the database so every server process shares the count.
    const use = await bumpLimit(ctx, `mail-in:${senderBidx}`, deps.senderLimit ?? SENDER_LIMIT);
    if (use.count > (deps.senderLimit ?? SENDER_LIMIT).max) throw new MailRefused(450, '4.7.1 too many messages from this sender, try later');

    const body = trimReply(text) || subjectRaw.trim() || '（空邮件 empty mail）';
    let ticketId = await threadOf(deps, mail, subjectRaw);
    let outcome: 'created' | 'threaded' = 'threaded';
    let eventId: number | null = null;
    if (ticketId) {
      // Keyed by the message like a new ticket (openTicket): filed again after a crash, it is not said twice.
      const once = { owner: MAIL_KEY_OWNER, key: `mail:reply:${filing}` };
      eventId = (await addTicketEvent(ctx, ticketId, 'customer_message', body, MAIL_ACTOR, { once })).id;
    } else {
      ticketId = await openTicket(deps, { from, name: senders[0]?.name ?? '', subject: subjectRaw, body, at: now, filing });
      outcome = 'created';
    }
    const [saved] = await ctx.db
      .insert(mailMessages)
      .values({ ...row, ticketId, eventId, kind: 'inbound', status: 'received' })
      .returning({ id: mailMessages.id });
    await keepAttachments(deps, ticketId, mail);
    return { outcome, ticketId, mailId: saved!.id };
  }
}

/** A lease older than this was left by a process that died while filing: the next delivery takes it over. */
const STALE_CLAIM_MS = 10 * 60_000;

/** Takes the message's lease (mailInboundClaims); false while another delivery of it is being filed. */
async function claimMessage(db: TicketDeps['db'], addressBidx: string, messageId: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(mailInboundClaims)
    .values({ addressBidx, messageId, claimedAt: now })
    .onConflictDoUpdate({
      target: [mailInboundClaims.addressBidx, mailInboundClaims.messageId],
      set: { claimedAt: now },
      setWhere: lt(mailInboundClaims.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS)),
    })
    .returning({ claimedAt: mailInboundClaims.claimedAt });
  return rows.length > 0;
}

/** The ticket a mail continues: a Message-ID it answers (ours or the customer's earlier mail), else the number in its subject. */
async function threadOf(deps: InboundDeps, mail: ParsedMail, subject: string): Promise<string | null> {
  const ids = referencedIds(mail.inReplyTo, mail.references);
  if (ids.length) {
    const rows = await deps.tickets.db
      .select({ messageId: mailMessages.messageId, ticketId: mailMessages.ticketId })
      .from(mailMessages)
      .where(and(inArray(mailMessages.messageId, ids), isNotNull(mailMessages.ticketId)));
    for (const id of ids) {
      const hit = rows.find((r) => r.messageId === id);
      if (hit?.ticketId) return hit.ticketId;
    }
  }
  const number = ticketNumberIn(subject);
  return number ? ticketIdByNumber(deps.tickets.db, number) : null;
}

/** Whose idempotency keys the mail filings are (MAIL_ACTOR is no user; keys are per user). */
const MAIL_KEY_OWNER = '00000000-0000-4000-8000-00000000a11c';
const filingKey = (senderAndMessageId: string) => createHash('sha256').update(senderAndMessageId).digest('hex');

/**
 * 受理: a new ticket on channel email, for the customer this address belongs to (blind index) or a new one.
 * The ticket is keyed by the message (idempotency key): a process that dies after the ticket is
 * committed and before the mail's own row leaves the message to be filed again (a stale lease, an
 * unseen IMAP mail), and that second filing gets the same ticket back instead of a second one.
 */
async function openTicket(deps: InboundDeps, m: { from: string; name: string; subject: string; body: string; at: Date; filing: string }): Promise<string> {
  const base = {
    channel: 'email' as const,
    requestType: 'consultation' as const,
    title: headerSafe(m.subject).slice(0, 200) || null,
    description: m.body.slice(0, 20_000),
  };
  // One key per attempt: the first (a new customer) rolls back whole when the address is a known customer's.
  const key = (attempt: string) => ({
    receivedAt: m.at,
    idempotencyKey: `mail:${attempt}:${m.filing}`,
    idempotencyOwner: MAIL_KEY_OWNER,
  });
  const customer = { name: (m.name.trim() || m.from.split('@')[0]!).slice(0, 200), kind: 'person' as const, email: m.from, confirmNew: false };
  try {
    return (await createTicket(deps.tickets, ticketCreateSchema.parse({ ...base, customer }), MAIL_ACTOR, key('new'))).id;
  } catch (err) {
    // The address is a known customer's: the ticket is theirs (customers module's exact lookup).
    if (!(err instanceof AppError) || err.code !== 'customer_exists') throw err;
    const customerId = String((err.details as { customerId: string }).customerId);
    return (await createTicket(deps.tickets, ticketCreateSchema.parse({ ...base, customerId }), MAIL_ACTOR, key('known'))).id;
  }
}

/** Attachments go through the attachments module with the upload limits; a refused one is noted on the ticket. */
async function keepAttachments(deps: InboundDeps, ticketId: string, mail: ParsedMail): Promise<void> {
  const ctx = deps.tickets;
  const files = mail.attachments.filter((a) => a.contentDisposition !== 'inline' || !a.related);
  if (!files.length) return;
  const staging = new Staging(ctx.dataDir);
  const staged: StagedFile[] = [];
  const refused: { fileName: string; reason: string }[] = [];
  try {
    for (const a of files) {
      const fileName = a.filename || 'attachment.bin';
      if (a.size > ctx.maxAttachmentBytes) {
        refused.push({ fileName, reason: 'too_large' });
        continue;
      }
      try {
        staged.push(await stageAttachment(staging, { filename: fileName, stream: Readable.from(a.content) }));
      } catch (err) {
        refused.push({ fileName, reason: err instanceof AppError ? err.code : 'unreadable' });
      }
    }
    if (staged.length) await recordAttachments(ctx, ticketId, staged, MAIL_ACTOR);
    if (refused.length) await ctx.db.transaction((tx) => timeline(txContext(ctx, tx), ticketId, 'mail_attachments_refused', { files: refused }));
  } finally {
    await staging.discard();
  }
}
