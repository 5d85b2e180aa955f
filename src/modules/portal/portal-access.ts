import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Actor, AppContext } from '../../context';
import type { MailConfig } from '../../config';
import { normalizeEmail } from '../../domain/pii/mask';
import { AppError, invalidField } from '../../domain/shared/errors';
import { consumeLimit, type Limit } from '../identity/rate-limit';
import { sha256 } from '../identity/identity.service';
import { getSmsSettings, sendOneTimeCode } from '../channels/sms.service';
import { mailAvailable, queueOneTimeCodeMail } from '../mail/mail.one-time-code';
import { portalCodes, portalSessions, portalTickets } from './portal.tables';

// Throttles live in the shared rate_limits table (as log-in does), so they hold across processes.
export const CODE_SENDS_PER_PHONE: Limit = { max: 5, windowMs: 3_600_000 };
export const CODE_SENDS_PER_IP: Limit = { max: 20, windowMs: 3_600_000 };
export const OPENS_PER_IP: Limit = { max: 10, windowMs: 900_000 };
export const OPENS_PER_NUMBER: Limit = { max: 10, windowMs: 3_600_000 };
/** Wrong guesses one code survives; the code is then dead and the customer asks for a new one. */
const CODE_ATTEMPTS = 5;
const CODE_TTL_MS = 10 * 60_000;
export const PORTAL_SESSION_MS = 2 * 3_600_000;
export const PORTAL_COOKIE = 'shouhou_portal';
/**
 * What the portal writes as: no user (id null), with the desk's role because what it writes (a
 * customer message, a portal approval) is what the desk would record for the customer (as mail does).
 */
export const PORTAL_ACTOR: Actor = { id: null, name: '客户自助', role: 'agent' };

const normalPhone = (phone: string) => phone.replace(/[\s-]/g, '');
export const phoneIndex = (ctx: Pick<AppContext, 'keys'>, phone: string) => ctx.keys.blindIndex(normalPhone(phone));

const wrongCode = () => invalidField('code', '验证码不正确或已过期，请重新获取', 'The code is wrong or expired: ask for a new one', 'invalid_code');

/** Where a code went: the phone (SMS) or an e-mail address. Codes are keyed by its blind index. */
export type CodeTarget = { phone: string; email?: string | undefined };
const targetIndex = (ctx: Pick<AppContext, 'keys'>, t: CodeTarget) => (t.email ? ctx.keys.blindIndex(normalizeEmail(t.email)) : phoneIndex(ctx, t.phone));

/** Which ways of sending a code are set up (the form offers only those). */
export async function codeChannels(ctx: AppContext, mail: MailConfig): Promise<{ sms: boolean; email: boolean }> {
  const [sms, email] = await Promise.all([getSmsSettings(ctx.db), mailAvailable(ctx.db, ctx, mail)]);
  return { sms: Boolean(sms?.enabled), email };
}

/**
 * 发送验证码. By SMS to the phone through the channels outbox, or by e-mail through the mail outbox
 * (for a customer whose phone takes no SMS, or a company without an SMS gateway). When the chosen way is
 * not set up nothing can reach the customer, so the answer says so (the screen offers the other way or
 * the service line) and no code is made. Throttled per address and per client, across processes.
 */
export async function requestCode(
  ctx: AppContext,
  mail: MailConfig,
  input: { phone: string; via: 'sms' | 'email'; email?: string | undefined },
  ip: string,
): Promise<{ sent: boolean; channel: 'sms' | 'email' | null }> {
  const byMail = input.via === 'email';
  const index = targetIndex(ctx, { phone: input.phone, email: byMail ? input.email : undefined });
  await consumeLimit(ctx, `portal-code-ip:${ip}`, CODE_SENDS_PER_IP);
  await consumeLimit(ctx, `portal-code-${byMail ? 'email' : 'phone'}:${index}`, CODE_SENDS_PER_PHONE);
  if (byMail ? !(await mailAvailable(ctx.db, ctx, mail)) : !(await getSmsSettings(ctx.db))?.enabled) return { sent: false, channel: null };
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(portalCodes)
      .values({ id: randomUUID(), phoneIndex: index, codeHash: sha256(`${index}:${code}`), expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now });
    if (byMail) await queueOneTimeCodeMail(tx, ctx, mail, input.email!, code);
    else await sendOneTimeCode(tx, ctx, normalPhone(input.phone), code);
  });
  return { sent: true, channel: byMail ? 'email' : 'sms' };
}

/** Spends the latest live code sent to the phone (or e-mail) if `code` matches; every wrong try counts against it. */
export async function verifyCode(ctx: AppContext, target: CodeTarget, code: string): Promise<string> {
  const index = targetIndex(ctx, target);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .select()
    .from(portalCodes)
    .where(and(eq(portalCodes.phoneIndex, index), isNull(portalCodes.usedAt), gt(portalCodes.expiresAt, now), lt(portalCodes.attempts, CODE_ATTEMPTS)))
    .orderBy(desc(portalCodes.createdAt))
    .limit(1);
  if (!row) throw wrongCode();
  if (!same(row.codeHash, sha256(`${index}:${code}`))) {
    await ctx.db
      .update(portalCodes)
      .set({ attempts: row.attempts + 1 })
      .where(eq(portalCodes.id, row.id));
    throw wrongCode();
  }
  const spent = await ctx.db
    .update(portalCodes)
    .set({ usedAt: now })
    .where(and(eq(portalCodes.id, row.id), isNull(portalCodes.usedAt)))
    .returning({ id: portalCodes.id });
  if (!spent.length) throw wrongCode();
  return index;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** 查询码 and 专属链接 for a new portal ticket: shown once, stored hashed. */
export async function grantAccess(ctx: AppContext, ticket: { id: string; number: string }, index: string) {
  const accessCode = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8).toUpperCase();
  const link = randomBytes(24).toString('base64url');
  await ctx.db.insert(portalTickets).values({
    ticketId: ticket.id,
    number: ticket.number,
    accessCodeHash: sha256(`${ticket.number}:${accessCode}`),
    linkHash: sha256(link),
    phoneIndex: index,
    createdAt: ctx.clock.now(),
  });
  return { accessCode, link };
}

const notYours = () => new AppError('unauthenticated', { userMessage: { zh: '工单号或查询码不正确', en: 'Wrong ticket number or access code' } });

/** Opens a session for the ticket named by number + access code, or by its private link. */
export async function openSession(ctx: AppContext, by: { number: string; accessCode: string } | { link: string }, ip: string) {
  await consumeLimit(ctx, `portal-open-ip:${ip}`, OPENS_PER_IP);
  let row;
  if ('link' in by) {
    [row] = await ctx.db
      .select()
      .from(portalTickets)
      .where(eq(portalTickets.linkHash, sha256(by.link)));
  } else {
    const number = by.number.trim().toUpperCase();
    await consumeLimit(ctx, `portal-open-number:${number}`, OPENS_PER_NUMBER);
    [row] = await ctx.db.select().from(portalTickets).where(eq(portalTickets.number, number));
    if (row && !same(row.accessCodeHash, sha256(`${number}:${by.accessCode.trim().toUpperCase()}`))) row = undefined;
  }
  if (!row) throw notYours();
  return startSession(ctx, row.ticketId);
}

export async function startSession(ctx: AppContext, ticketId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_MS);
  await ctx.db.insert(portalSessions).values({ tokenHash: sha256(token), ticketId, expiresAt, createdAt: now });
  return { token, expiresAt };
}

/** The one ticket this portal cookie may see, or 401. */
export async function sessionTicket(ctx: AppContext, token: string | undefined): Promise<string> {
  if (!token) throw new AppError('unauthenticated', { userMessage: { zh: '请先输入工单号和查询码', en: 'Enter your ticket number and access code first' } });
  const [row] = await ctx.db
    .select({ ticketId: portalSessions.ticketId })
    .from(portalSessions)
    .where(and(eq(portalSessions.tokenHash, sha256(token)), gt(portalSessions.expiresAt, ctx.clock.now())));
  if (!row) throw new AppError('unauthenticated', { userMessage: { zh: '会话已过期，请重新查询', en: 'Your session expired: look up the request again' } });
  return row.ticketId;
}
