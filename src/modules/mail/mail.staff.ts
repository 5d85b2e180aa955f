import { eq } from 'drizzle-orm';
import type { TxContext } from '../../context';
import type { MailConfig } from '../../config';
import type { Locale } from '../../domain/shared/errors';
import { attemptSend } from './mail.outbound';
import { queuedMailRow } from './mail.queued-row';
import { mailMessages } from './mail.tables';
import { resolveTransport } from './mail.transport';

export interface StaffNotice {
  to: string;
  locale: Locale;
  subject: string;
  text: string;
  /** The outbox message that asked for it: a delivery run again never sends twice. */
  dedupeKey: string;
}

/**
 * 员工邮件提醒: one mail to a staff member about their own work, sent like customer mail (kept
 * encrypted, retried with backoff, never twice) but tied to no ticket, so no customer timeline shows
 * it. Without mail settings nothing is recorded: mail is off. Returns whether a mail row exists now.
 */
export async function sendStaffNotice(ctx: TxContext, env: MailConfig, n: StaffNotice): Promise<boolean> {
  const [done] = await ctx.tx.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.dedupeKey, n.dedupeKey));
  if (done) return true;
  const transport = await resolveTransport(ctx.tx, ctx, env);
  if (!transport) return false;
  const [row] = await ctx.tx
    .insert(mailMessages)
    .values(queuedMailRow(ctx, transport, { ...n, kind: 'staff_notice' }, ctx.clock.now()))
    .returning();
  await attemptSend(ctx, env, row!, null);
  return true;
}
