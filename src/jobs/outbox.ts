import { sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { DbOrTx } from '../db/client';
import { outbox } from './outbox.tables';

export type OutboxHandler = (ctx: AppContext, payload: Record<string, unknown>) => Promise<void>;

/** Writes a side effect to deliver after commit; call inside the business transaction. */
export async function enqueue(tx: DbOrTx, at: Date, topic: string, payload: Record<string, unknown>): Promise<void> {
  await tx.insert(outbox).values({ topic, payload, createdAt: at, availableAt: at });
}

/** Several messages in one INSERT (the SLA sweeps announce hundreds at once). */
export async function enqueueMany(tx: DbOrTx, at: Date, messages: { topic: string; payload: Record<string, unknown> }[]): Promise<void> {
  if (messages.length) await tx.insert(outbox).values(messages.map((m) => ({ ...m, createdAt: at, availableAt: at })));
}

const MAX_ATTEMPTS = 10;

/**
 * Delivers up to `batch` due messages. Rows are claimed with FOR UPDATE SKIP LOCKED inside one
 * transaction that also marks them delivered, so two processes never deliver the same message, and
 * a crash mid-batch rolls back the claim (the message is retried, never lost).
 */
export async function deliverOutbox(ctx: AppContext, handlers: Record<string, OutboxHandler>, batch = 50): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: number; topic: string; payload: Record<string, unknown>; attempts: number }>(sql`
      select id, topic, payload, attempts from outbox
      where delivered_at is null and available_at <= ${ctx.clock.now()} and attempts < ${MAX_ATTEMPTS}
      order by id limit ${batch} for update skip locked`);
    const delivered: number[] = [];
    for (const row of rows.rows) {
      const handler = handlers[row.topic];
      try {
        if (handler) await handler({ ...ctx, db: tx as unknown as AppContext['db'] }, row.payload);
        delivered.push(Number(row.id));
      } catch (err) {
        // Back off exponentially; the message stays for a later cycle or an operator.
        const delayMs = Math.min(3_600_000, 1000 * 2 ** row.attempts);
        await tx.execute(sql`update outbox set attempts = attempts + 1, last_error = ${String(err).slice(0, 1000)},
          available_at = ${new Date(ctx.clock.now().getTime() + delayMs)} where id = ${row.id}`);
      }
    }
    if (delivered.length) {
      await tx.execute(sql`update outbox set delivered_at = ${ctx.clock.now()}, attempts = attempts + 1 where id = any(${`{${delivered.join(',')}}`}::bigint[])`);
    }
    return rows.rows.length;
  });
}
