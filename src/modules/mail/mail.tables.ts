import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ImapTls } from '../../domain/mail/imap';

// 邮件 Every mail in or out, one row each. Addresses are personal data: encrypted, with a blind index
// to find a sender again (rate limit, bounces); the raw message is kept encrypted as received/sent.
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    direction: text().$type<'in' | 'out'>().notNull(),
    /** The RFC 5322 Message-ID with its angle brackets: threads replies onto the ticket. */
    messageId: text().notNull(),
    ticketId: uuid(),
    /** The timeline event the mail carries (a public reply) or became (a customer's message). */
    eventId: integer(),
    /** What made it: received, reply, progress, quote, resolved, survey, test, inbound. */
    kind: text().notNull(),
    /** queued → sent | failed (gave up) | bounced; inbound: received | ignored (automatic) | refused. */
    status: text().$type<'queued' | 'sent' | 'failed' | 'bounced' | 'received' | 'ignored'>().notNull(),
    /** The other party's address (recipient out, sender in). */
    addressEnc: text(),
    addressBidx: text(),
    locale: text().$type<'zh-CN' | 'en'>().notNull().default('zh-CN'),
    subject: text().notNull().default(''),
    text: text().notNull().default(''),
    /**
     * A text that must not be kept in clear (a one-time code): `text` holds it masked, this the real
     * one encrypted until the one try is made, then it is dropped.
     */
    secretTextEnc: text(),
    /** Inbound HTML after sanitising (no script, remote images held back); never the raw HTML. */
    htmlSafe: text(),
    rawEnc: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** The outbox message that produced it: a retried delivery finds the row and never sends twice. */
    dedupeKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('mail_messages_dedupe_uq').on(t.dedupeKey),
    index('mail_messages_message_id_idx').on(t.messageId),
    index('mail_messages_ticket_idx').on(t.ticketId, t.createdAt),
    check('mail_messages_direction_check', sql`${t.direction} in ('in','out')`),
  ],
);
export type MailMessageRow = typeof mailMessages.$inferSelect;

/**
 * 收信认领 A received message being filed right now, by sender (blind index) and Message-ID: a lease
 * row, committed before the filing starts and deleted when it ends, so a second delivery of the same
 * message meanwhile (the sender's server retried after a slow reply; two server processes) waits for
 * the first instead of filing it twice. A lease left by a process that died is taken over once stale.
 */
export const mailInboundClaims = pgTable(
  'mail_inbound_claims',
  {
    addressBidx: text().notNull(),
    messageId: text().notNull(),
    claimedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.addressBidx, t.messageId] })],
);

// SMTP settings saved in the admin pages (one row); the password encrypted like contacts.
export const mailSettings = pgTable('mail_settings', {
  id: integer().primaryKey().default(1),
  host: text().notNull(),
  port: integer().notNull(),
  /** true: TLS from the first byte (465); false: STARTTLS when offered (587/25). */
  secure: boolean().notNull().default(false),
  username: text(),
  passwordEnc: text(),
  fromAddress: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
  updatedById: uuid(),
});

// 收信邮箱 The IMAP mailbox polled for support mail (one row); the password encrypted like SMTP's.
export const mailImapSettings = pgTable(
  'mail_imap_settings',
  {
    id: integer().primaryKey().default(1),
    host: text().notNull(),
    port: integer().notNull(),
    tls: text().$type<ImapTls>().notNull(),
    username: text().notNull(),
    passwordEnc: text(),
    folder: text().notNull().default('INBOX'),
    pollSeconds: integer().notNull().default(60),
    enabled: boolean().notNull().default(true),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedById: uuid(),
  },
  (t) => [check('mail_imap_settings_tls_check', sql`${t.tls} in ('implicit','starttls','none')`)],
);

/**
 * Where polling of one mailbox got to, and which server process holds it now: a lease (not a
 * session advisory lock, which needs one pinned connection and does not exist on PGlite), so only
 * one process reads a mailbox at a time and a crashed one's lease simply runs out.
 */
export const mailImapMailboxes = pgTable('mail_imap_mailboxes', {
  /** `user@host:port/folder`: another mailbox starts afresh. */
  mailbox: text().primaryKey(),
  /** UIDs mean something only within one UIDVALIDITY; a new one starts again from the unseen mail. */
  uidValidity: bigint({ mode: 'number' }),
  lastUid: bigint({ mode: 'number' }).notNull().default(0),
  leaseOwner: text(),
  leaseUntil: timestamp({ withTimezone: true }),
  lastPolledAt: timestamp({ withTimezone: true }),
  /** The last poll's failure (connection, login), for the admin page; null after a good poll. */
  lastError: text(),
});
