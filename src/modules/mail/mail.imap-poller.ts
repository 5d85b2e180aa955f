import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { ImapFlow } from 'imapflow';
import type { ImapMailbox } from '../../domain/mail/imap';
import { classifyImapError, closeImap, connectImap } from './mail.imap-client';
import { mailboxKey, resolveImapMailbox } from './mail.imap-settings';
import { MailInFlight, MailRefused, receiveMail, type InboundDeps, type InboundOutcome } from './mail.inbound';
import { maxMessageBytes } from './mail.listener';
import { mailImapMailboxes } from './mail.tables';

// 收信轮询 Reads new mail from the support mailbox and files each message through the same
// receiveMail() the SMTP listener uses. A message is marked \Seen only after receiveMail returned
// (its rows committed): a crash in between leaves it unseen, the next poll reads it again, and
// receiveMail's Message-ID check files it once.

/** Keyword on mail we refused (too big, malformed, a sender over its limit): read by a person, never retried. */
export const REFUSED_FLAG = '$ShouhouRefused';
/** A poll handles at most this many messages; the rest wait for the next (keeps the lease short). */
const BATCH = 100;
const LEASE_SECONDS = 300;

type Receive = (deps: InboundDeps, raw: Buffer, envelopeFrom: string | null, fallbackMessageId?: string) => Promise<InboundOutcome>;

export interface ImapPollResult {
  polled: boolean;
  /** Why nothing was read: no mailbox, disabled, not due, another process holds it, or the server's failure. */
  skipped?: 'none' | 'disabled' | 'not_due' | 'leased' | 'error';
  outcomes: InboundOutcome['outcome'][];
  refused: number;
  /** Refused for now (4xx, a sender over its hourly limit): left unseen and read again at later polls. */
  deferred: number;
}

export interface ImapPoller {
  /** One poll now when due (`force`: whatever the interval says), unless another process holds the mailbox. */
  pollOnce(opts?: { force?: boolean }): Promise<ImapPollResult>;
}

/** One per server process: the lease owner id tells this process from the others on the same database. */
export function createImapPoller(deps: InboundDeps, opts: { log?: FastifyBaseLogger; receive?: Receive } = {}): ImapPoller {
  const owner = randomUUID();
  const receive = opts.receive ?? receiveMail;
  const db = deps.tickets.db;
  // The lease keeps other processes out; this keeps a second call of this process out meanwhile.
  let busy = false;

  /** Takes the mailbox for LEASE_SECONDS when it is free (or its lease ran out) and, unless forced, due. Database time, so clocks of several hosts do not matter. */
  const claim = async (key: string, m: ImapMailbox, force: boolean) => {
    await db.insert(mailImapMailboxes).values({ mailbox: key }).onConflictDoNothing();
    const due = force
      ? sql`true`
      : sql`(${mailImapMailboxes.lastPolledAt} is null or ${mailImapMailboxes.lastPolledAt} <= now() - make_interval(secs => ${m.pollSeconds}))`;
    const [row] = await db
      .update(mailImapMailboxes)
      .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where(and(eq(mailImapMailboxes.mailbox, key), sql`(${mailImapMailboxes.leaseUntil} is null or ${mailImapMailboxes.leaseUntil} < now())`, due))
      .returning();
    return row;
  };
  /** Records progress and renews the lease; false when the lease was lost (expired and taken): stop. */
  const advance = async (key: string, set: Partial<typeof mailImapMailboxes.$inferInsert>) => {
    const rows = await db
      .update(mailImapMailboxes)
      .set({ ...set, leaseUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where(and(eq(mailImapMailboxes.mailbox, key), eq(mailImapMailboxes.leaseOwner, owner)))
      .returning({ mailbox: mailImapMailboxes.mailbox });
    return rows.length > 0;
  };
  const release = (key: string, lastError: string | null) =>
    db
      .update(mailImapMailboxes)
      .set({ leaseOwner: null, leaseUntil: null, lastPolledAt: sql`now()`, lastError })
      .where(and(eq(mailImapMailboxes.mailbox, key), eq(mailImapMailboxes.leaseOwner, owner)));

  return {
    async pollOnce({ force = false } = {}) {
      const result: ImapPollResult = { polled: false, outcomes: [], refused: 0, deferred: 0 };
      if (busy) return { ...result, skipped: 'leased' };
      busy = true;
      try {
        return await pollMailbox(force, result);
      } finally {
        busy = false;
      }
    },
  };

  async function pollMailbox(force: boolean, result: ImapPollResult): Promise<ImapPollResult> {
    const m = await resolveImapMailbox(db, deps.tickets, deps.env);
    if (!m) return { ...result, skipped: 'none' };
    if (!m.enabled) return { ...result, skipped: 'disabled' };
    const key = mailboxKey(m);
    const state = await claim(key, m, force);
    if (!state) return { ...result, skipped: 'leased' };
    let client: ImapFlow | null = null;
    let failure: string | null = null;
    try {
      client = await connectImap(m);
      const lock = await client.getMailboxLock(m.folder);
      try {
        await readNew(client, key, state, result);
      } finally {
        lock.release();
      }
      result.polled = true;
    } catch (err) {
      const { problem, detail } = classifyImapError(err);
      failure = `${problem}: ${detail}`;
      opts.log?.warn({ mailbox: m.host, folder: m.folder, problem, detail }, 'IMAP poll failed');
      result.skipped = 'error';
    } finally {
      if (client) await closeImap(client);
      await release(key, failure);
    }
    return result;
  }

  async function readNew(client: ImapFlow, key: string, state: typeof mailImapMailboxes.$inferSelect, result: ImapPollResult) {
    const mailbox = client.mailbox;
    if (!mailbox) throw new Error('no mailbox selected');
    const uidValidity = Number(mailbox.uidValidity);
    const known = state.uidValidity === uidValidity;
    // Within a known UIDVALIDITY, every UID after the last filed one (read in webmail meanwhile or not);
    // the first time or after the server renumbered, the unseen mail.
    const lastUid = known ? state.lastUid : 0;
    const found = known ? await client.search({ uid: `${lastUid + 1}:*` }, { uid: true }) : await client.search({ seen: false }, { uid: true });
    // `n:*` always names the newest message, even below n: keep only the new ones.
    const uids = (found || []).filter((u) => u > lastUid).sort((a, b) => a - b);
    if (!known) await advance(key, { uidValidity, lastUid: 0 });
    const limit = maxMessageBytes(deps.tickets.maxAttachmentBytes);
    // A temporary refusal (4xx: the sender's hourly limit) makes an SMTP sender try again later; in a
    // mailbox nobody would. So the message stays unseen and unflagged and the mailbox's mark stays
    // before it: every later poll reads it again until it is filed. Later messages are filed meanwhile
    // and, read again, are duplicates (checked before the sender's limit is counted).
    let held = false;
    for (const uid of uids.slice(0, BATCH)) {
      const meta = await client.fetchOne(String(uid), { size: true, flags: true }, { uid: true });
      if (!meta) continue;
      if ((meta.size ?? 0) > limit) {
        // Refused like the SMTP listener's 552; the flag stops it being fetched again and again.
        await client.messageFlagsAdd(String(uid), ['\\Seen', REFUSED_FLAG], { uid: true });
        opts.log?.warn({ uid, size: meta.size, limit }, 'IMAP message too big, left in the mailbox unfiled');
        result.refused++;
      } else {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        try {
          // A message without a Message-ID gets one from the mailbox position, so reading it twice still files it once.
          const outcome = await receive(
            deps,
            msg.source,
            returnPath(msg.source),
            `<imap.${uidValidity}.${uid}.${deps.tickets.keys.blindIndex(key).slice(0, 16)}@shouhou>`,
          );
          result.outcomes.push(outcome.outcome);
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        } catch (err) {
          // The same message is being filed by an SMTP delivery right now: this poll ends here, no
          // failure, and the next one finds it filed (a duplicate) and marks it seen.
          if (err instanceof MailInFlight) return;
          // Anything else (the database away) stops the poll with the message unseen and unfiled: next time.
          if (!(err instanceof MailRefused)) throw err;
          if (err.responseCode < 500) {
            opts.log?.warn({ uid, code: err.responseCode, reason: err.message }, 'IMAP message deferred to a later poll');
            result.deferred++;
            held = true;
          } else {
            await client.messageFlagsAdd(String(uid), ['\\Seen', REFUSED_FLAG], { uid: true });
            opts.log?.warn({ uid, code: err.responseCode, reason: err.message }, 'IMAP message refused');
            result.refused++;
          }
        }
      }
      // Held, the lease is still renewed (and checked) without moving the mark.
      if (!(await advance(key, held ? {} : { lastUid: uid }))) return;
    }
  }
}

/** The envelope sender the delivering server recorded (`Return-Path: <>` for a bounce); null when absent. */
function returnPath(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const m = /^return-path:\s*<?([^>\r\n]*)>?/im.exec(end >= 0 ? head.slice(0, end) : head);
  return m ? m[1]!.trim() : null;
}
