import { eq } from 'drizzle-orm';
import type { MailConfig } from '../../config';
import type { TxContext } from '../../context';
import { attemptSend } from './mail.outbound';
import { queuedMailRow } from './mail.queued-row';
import { mailMessages } from './mail.tables';
import { resolveTransport } from './mail.transport';

/**
 * 内部邮件 A mail to staff (the monthly quality report to the managers): sent like a customer mail —
 * recorded, retried with backoff, never twice for one `dedupeKey` (the unique key of the mail rows),
 * so two processes or a redelivered outbox message send it once. No ticket; mail off: nothing recorded.
 * For an outbox handler registered `external`.
 */
export async function sendInternalMail(
  ctx: TxContext,
  env: MailConfig,
  m: { to: string; subject: string; text: string; kind: string; dedupeKey: string },
): Promise<'sent' | 'already' | 'mail_off'> {
  const [done] = await ctx.tx.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.dedupeKey, m.dedupeKey));
  if (done) return 'already';
  const transport = await resolveTransport(ctx.tx, ctx, env);
  if (!transport) return 'mail_off';
  const [row] = await ctx.tx
    .insert(mailMessages)
    .values(queuedMailRow(ctx, transport, { ...m, locale: 'zh-CN' }, ctx.clock.now()))
    .onConflictDoNothing()
    .returning();
  // Another process recorded it first (the unique dedupe key): theirs is the one that goes.
  if (!row) return 'already';
  await attemptSend(ctx, env, row, null);
  return 'sent';
}
