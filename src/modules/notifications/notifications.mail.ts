import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext, TxContext } from '../../context';
import type { MailConfig } from '../../config';
import type { DbOrTx } from '../../db/client';
import { MAILABLE_KINDS, MAILABLE_KIND_NAMES, renderNotification } from '../../domain/notification/notification.render';
import type { Locale } from '../../domain/shared/errors';
import { enqueue, type OutboxRegistry } from '../../jobs/outbox';
import { userNoticeProfile } from '../identity/identity.service';
import { sendStaffNotice } from '../mail/mail.staff';
import { notificationMailPrefs, notifications } from './notifications.tables';

export interface MailPrefsInput {
  /** null: no address, so nothing is mailed whatever is chosen. */
  address: string | null;
  kinds: string[];
}

/** The caller's choices, with every kind they may choose worded in `locale`. */
export async function mailPrefsOf(ctx: AppContext, userId: string, locale: Locale) {
  const [row] = await ctx.db.select().from(notificationMailPrefs).where(eq(notificationMailPrefs.userId, userId));
  return {
    address: row?.addressEnc ? ctx.keys.decrypt(row.addressEnc) : null,
    kinds: (row?.kinds ?? []).filter((k) => MAILABLE_KIND_NAMES.includes(k)),
    choices: MAILABLE_KINDS.map((k) => ({ kind: k.kind, label: k.label[locale === 'en' ? 1 : 0] })),
  };
}

export async function saveMailPrefs(ctx: AppContext, userId: string, input: MailPrefsInput, locale: Locale) {
  const values = {
    addressEnc: input.address ? ctx.keys.encrypt(input.address) : null,
    kinds: [...new Set(input.kinds)],
    updatedAt: ctx.clock.now(),
  };
  await ctx.db
    .insert(notificationMailPrefs)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: notificationMailPrefs.userId, set: values });
  return mailPrefsOf(ctx, userId, locale);
}

/**
 * Called in the transaction that wrote the notifications: for each one whose reader wants this kind
 * by mail, queue the mail. One query for the whole batch; nothing at all when nobody opted in.
 */
export async function queueNotificationMail(db: DbOrTx, at: Date, written: { id: number; userId: string; kind: string }[]): Promise<void> {
  if (!written.length) return;
  const wanted = await db
    .select({ userId: notificationMailPrefs.userId, kinds: notificationMailPrefs.kinds })
    .from(notificationMailPrefs)
    .where(
      and(
        inArray(notificationMailPrefs.userId, [...new Set(written.map((n) => n.userId))]),
        sql`${notificationMailPrefs.addressEnc} is not null and cardinality(${notificationMailPrefs.kinds}) > 0`,
      ),
    );
  if (!wanted.length) return;
  const byUser = new Map(wanted.map((w) => [w.userId, new Set(w.kinds)]));
  for (const n of written) if (byUser.get(n.userId)?.has(n.kind)) await enqueue(db, at, 'notifications.mail', { notificationId: n.id });
}

/**
 * Sends one notification by mail, checked again at sending: the reader may have been disabled or
 * changed their mind since it was queued. Worded in the reader's own language, with a link to the
 * ticket when the app's public URL is known.
 */
async function mailNotification(ctx: TxContext, env: MailConfig, notificationId: number, outboxId: number): Promise<void> {
  const [n] = await ctx.tx.select().from(notifications).where(eq(notifications.id, notificationId));
  if (!n || n.readAt) return;
  const profile = await userNoticeProfile(ctx.tx, n.userId);
  if (!profile?.active) return;
  const [prefs] = await ctx.tx.select().from(notificationMailPrefs).where(eq(notificationMailPrefs.userId, n.userId));
  if (!prefs?.addressEnc || !prefs.kinds.includes(n.kind)) return;
  const en = profile.locale === 'en';
  const title = renderNotification(n, profile.locale);
  const base = env.publicUrl?.replace(/\/$/, '');
  const link = base ? (n.ticketId ? `${base}/tickets/${n.ticketId}` : base) : null;
  const text = [
    title,
    ...(n.body ? ['', n.body] : []),
    ...(link ? ['', en ? `Open: ${link}` : `查看：${link}`] : []),
    '',
    en
      ? '— shouhou. You chose to get this notice by e-mail; change it under Notification settings.'
      : '— 售后服务系统。您选择了以邮件接收此提醒，可在「通知设置」中更改。',
  ].join('\n');
  await sendStaffNotice(ctx, env, {
    to: ctx.keys.decrypt(prefs.addressEnc),
    locale: profile.locale,
    subject: en ? `[shouhou] ${title}` : `【售后提醒】${title}`,
    text,
    dedupeKey: `outbox:${outboxId}`,
  });
}

export function registerNotificationMail(outbox: OutboxRegistry, env: MailConfig): void {
  outbox.handle('notifications.mail', 'notifications', (ctx, p, message) => mailNotification(ctx, env, p.notificationId, message.id), { external: true });
}
