import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { AppContext, TxContext } from '../../context';
import type { MailConfig } from '../../config';
import type { DbOrTx } from '../../db/client';
import { mailSettings } from './mail.tables';

/** How mail leaves: from the admin pages' settings, else from SHOUHOU_SMTP_URL / SHOUHOU_MAIL_FROM. */
export interface Transport {
  source: 'database' | 'environment';
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  password: string | null;
  from: string;
}

export async function resolveTransport(db: DbOrTx, ctx: Pick<AppContext, 'keys'>, env: MailConfig): Promise<Transport | null> {
  const [row] = await db.select().from(mailSettings).where(eq(mailSettings.id, 1));
  if (row)
    return {
      source: 'database',
      host: row.host,
      port: row.port,
      secure: row.secure,
      username: row.username,
      password: row.passwordEnc ? ctx.keys.decrypt(row.passwordEnc) : null,
      from: row.fromAddress,
    };
  if (!env.smtpUrl) return null;
  const url = new URL(env.smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    source: 'environment',
    host: url.hostname,
    port: Number(url.port || (secure ? 465 : 25)),
    secure,
    username: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
    from: env.from ?? `shouhou@${url.hostname}`,
  };
}

export interface Outgoing {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string | null;
  /** Automatic notices say so (RFC 3834), so the customer's auto-responder does not answer them. */
  automatic: boolean;
}

/** The exact bytes to send (kept, encrypted, as the raw message). Header values are encoded by the composer. */
export async function composeRaw(t: Transport, m: Outgoing, at: Date): Promise<Buffer> {
  const headers: Record<string, string> = {};
  if (m.automatic) {
    headers['Auto-Submitted'] = 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  const composer = new MailComposer({
    from: t.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    date: at,
    headers,
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo, references: [m.inReplyTo] } : {}),
  });
  return composer.compile().build();
}

/** Hands the message to the SMTP server; throws with the server's answer when it refuses. */
export async function sendRaw(t: Transport, to: string, raw: Buffer): Promise<void> {
  const transporter = nodemailer.createTransport({
    host: t.host,
    port: t.port,
    secure: t.secure,
    ...(t.username ? { auth: { user: t.username, pass: t.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transporter.sendMail({ envelope: { from: bareAddress(t.from), to: [to] }, raw });
  } finally {
    transporter.close();
  }
}

/** `售后 <a@b.cn>` → `a@b.cn`. */
export function bareAddress(from: string): string {
  return /<([^<>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** The domain our Message-IDs carry (so bounces and replies can be recognised as ours). */
export function messageDomain(from: string): string {
  return bareAddress(from).split('@')[1] ?? 'shouhou.local';
}

export type MailTx = TxContext;
