import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context';
import { headerSafe } from '../../domain/mail/template';
import { normalizeEmail } from '../../domain/pii/mask';
import type { Locale } from '../../domain/shared/errors';
import type { mailMessages } from './mail.tables';
import { messageDomain, type Transport } from './mail.transport';

export interface QueuedMail {
  to: string;
  kind: string;
  locale: Locale;
  subject: string;
  /** What the timeline and the mail log show (masked where the mail carries a secret). */
  text: string;
  dedupeKey?: string | null;
  /** The ticket (and the event that asked for it) whose timeline shows the mail; none for staff mail. */
  ticketId?: string | null;
  eventId?: number | null;
  /** The text actually sent when it differs from `text` (a one-time code), kept encrypted until the one try. */
  secretTextEnc?: string | null;
}

/**
 * The row of an outgoing mail before its first try: our own Message-ID on the sender's domain (so a
 * reply threads back), the address encrypted with its blind index (it is personal data), the subject
 * made header-safe. Callers insert it with their own conflict rule and send or queue it.
 */
export function queuedMailRow(ctx: Pick<AppContext, 'keys'>, transport: Transport, m: QueuedMail, at: Date): typeof mailMessages.$inferInsert {
  return {
    direction: 'out',
    messageId: `<shouhou.${randomUUID()}@${messageDomain(transport.from)}>`,
    ticketId: m.ticketId ?? null,
    eventId: m.eventId ?? null,
    kind: m.kind,
    status: 'queued',
    addressEnc: ctx.keys.encrypt(m.to),
    addressBidx: ctx.keys.blindIndex(normalizeEmail(m.to)),
    locale: m.locale,
    subject: headerSafe(m.subject),
    text: m.text,
    dedupeKey: m.dedupeKey ?? null,
    secretTextEnc: m.secretTextEnc ?? null,
    createdAt: at,
  };
}
