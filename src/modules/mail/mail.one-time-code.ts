import type { MailConfig } from '../../config';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { enqueue } from '../../jobs/outbox';
import { queuedMailRow } from './mail.queued-row';
import { mailMessages } from './mail.tables';
import { resolveTransport } from './mail.transport';

/** The mail kind of a one-time code: tried once, never retried (a late code is worse than none). */
export const ONE_TIME_CODE_KIND = 'one_time_code';

const codeText = (code: string) =>
  `您的验证码是 ${code}，10 分钟内有效，仅可使用一次。如非本人操作，请忽略本邮件。\n\n` +
  `Your verification code is ${code}. It is valid for 10 minutes and can be used once. If you did not ask for it, ignore this mail.`;

/** Whether mail can go out at all (saved SMTP settings, or SHOUHOU_SMTP_URL). */
export async function mailAvailable(db: DbOrTx, ctx: Pick<AppContext, 'keys'>, env: MailConfig): Promise<boolean> {
  return Boolean(await resolveTransport(db, ctx, env));
}

/**
 * 邮件验证码 The portal's one-time code by e-mail, for a customer without a mobile that takes SMS or a
 * company without an SMS gateway. Queued in the caller's transaction and sent after commit through the
 * outbox (`mail.retry`), so a rolled-back request sends nothing. The address is kept encrypted like
 * every customer address; the stored text shows the code masked, the real text is kept encrypted only
 * until the one try, and the sent message is not kept at all.
 * Null: mail is off.
 */
export async function queueOneTimeCodeMail(
  tx: DbOrTx,
  ctx: Pick<AppContext, 'keys' | 'clock'>,
  env: MailConfig,
  to: string,
  code: string,
): Promise<number | null> {
  const transport = await resolveTransport(tx, ctx, env);
  if (!transport) return null;
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(mailMessages)
    .values(
      queuedMailRow(
        ctx,
        transport,
        {
          to,
          kind: ONE_TIME_CODE_KIND,
          locale: 'zh-CN',
          subject: '售后服务验证码 / Verification code',
          text: codeText('●●●●●●'),
          secretTextEnc: ctx.keys.encrypt(codeText(code)),
        },
        now,
      ),
    )
    .returning({ id: mailMessages.id });
  await enqueue(tx, now, 'mail.retry', { mailId: row!.id });
  return row!.id;
}
