import { inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { smsMessages } from './channels.tables';

/**
 * Erasure (PIPL Art 47, privacy module): the numbers the status notices of these tickets went to. The
 * rows stay (the ticket page still shows that a notice went, and when); a notice still queued is not
 * sent to a number that is gone. The text — a ticket number and a status — names no one.
 */
export async function eraseSmsOfTickets(tx: DbOrTx, ctx: Pick<AppContext, 'keys'>, ticketIds: readonly string[]): Promise<number> {
  if (!ticketIds.length) return 0;
  const rows = await tx
    .update(smsMessages)
    .set({
      phoneEnc: ctx.keys.encrypt(''),
      status: sql`case when ${smsMessages.status} = 'queued' then 'failed' else ${smsMessages.status} end`,
      error: sql`case when ${smsMessages.status} = 'queued' then '客户个人信息已删除，未发送 / personal data erased, not sent' else ${smsMessages.error} end`,
    })
    .where(inArray(smsMessages.ticketId, [...ticketIds]))
    .returning({ id: smsMessages.id });
  return rows.length;
}
