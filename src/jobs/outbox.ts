import { sql } from 'drizzle-orm';
import { txContext, type AppContext, type TxContext } from '../context';
import type { DbOrTx } from '../db/client';
import { findTopic, TOPIC_NAMES, type TopicInput, type TopicName, type TopicPayload } from './catalogue';
import { outbox } from './outbox.tables';

/** Runs inside the delivery transaction (a savepoint per message): it gets the transaction, never the pool. */
export type TopicHandler<N extends TopicName> = (ctx: TxContext, payload: TopicPayload<N>, message: { id: number }) => Promise<void>;
export type OutboxMessage = { [N in TopicName]: { topic: N; payload: TopicInput<N> } }[TopicName];

/** A message that cannot be written or delivered: a programming error, never a user's. */
export class OutboxTopicError extends Error {}

function checked(topic: string, payload: unknown): Record<string, unknown> {
  const declared = findTopic(topic);
  if (!declared) throw new OutboxTopicError(`outbox: unknown topic ${topic} (declare it in src/jobs/catalogue.ts)`);
  const parsed = declared.schema.safeParse(payload);
  if (!parsed.success) throw new OutboxTopicError(`outbox: payload of ${topic} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}

/** Writes a side effect to deliver after commit; call inside the business transaction. Returns its id. */
export async function enqueue<N extends TopicName>(tx: DbOrTx, at: Date, topic: N, payload: TopicInput<N>): Promise<number> {
  const [row] = await tx
    .insert(outbox)
    .values({ topic, payload: checked(topic, payload), createdAt: at, availableAt: at })
    .returning({ id: outbox.id });
  return row!.id;
}

/** Several messages in one INSERT (the SLA sweeps announce hundreds at once). */
export async function enqueueMany(tx: DbOrTx, at: Date, messages: OutboxMessage[]): Promise<void> {
  if (messages.length)
    await tx.insert(outbox).values(messages.map((m) => ({ topic: m.topic, payload: checked(m.topic, m.payload), createdAt: at, availableAt: at })));
}

/** Who handles each topic, per running instance; built by the composition root. */
export interface OutboxRegistry {
  /** A module registers its handler for a topic; the same module registering the same topic twice throws. */
  handle<N extends TopicName>(topic: N, owner: string, handler: TopicHandler<N>): void;
  /** Ends registration; throws when a declared topic has no handler (a start-up error, not a silent drop). */
  seal(): void;
  handlersOf(topic: string): TopicHandler<TopicName>[] | undefined;
}

export function createOutboxRegistry(): OutboxRegistry {
  const handlers = new Map<string, Map<string, TopicHandler<TopicName>>>();
  let sealed = false;
  return {
    handle(topic, owner, handler) {
      if (sealed) throw new Error(`outbox: handler for ${topic} registered after start-up; register in createModules (src/composition.ts)`);
      if (!findTopic(topic)) throw new OutboxTopicError(`outbox: unknown topic ${topic}`);
      const mine = handlers.get(topic) ?? new Map<string, TopicHandler<TopicName>>();
      if (mine.has(owner)) throw new Error(`outbox: ${owner} registered a handler for ${topic} twice`);
      mine.set(owner, handler as unknown as TopicHandler<TopicName>);
      handlers.set(topic, mine);
    },
    seal() {
      const missing = TOPIC_NAMES.filter((t) => !handlers.get(t)?.size);
      if (missing.length) throw new Error(`outbox: no handler for topic(s) ${missing.join(', ')}`);
      sealed = true;
    },
    handlersOf(topic) {
      const mine = handlers.get(topic);
      return mine ? [...mine.values()] : undefined;
    },
  };
}

const MAX_ATTEMPTS = 10;

/** The messages of a durable job: its first row (id = jobId) and the batches it queued (payload.jobId). */
export async function jobMessages(db: DbOrTx, jobId: number) {
  const rows = await db.execute<{
    id: number;
    topic: string;
    payload: Record<string, unknown>;
    delivered_at: Date | null;
    attempts: number;
    last_error: string | null;
  }>(sql`
    select id, topic, payload, delivered_at, attempts, last_error from outbox
    where id = ${jobId} or (payload ? 'jobId' and (payload->>'jobId')::bigint = ${jobId})
    order by id`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    payload: r.payload,
    deliveredAt: r.delivered_at,
    lastError: r.last_error,
    /** Retried as often as delivery tries: left for an operator. */
    gaveUp: r.attempts >= MAX_ATTEMPTS,
  }));
}

/**
 * Delivers up to `batch` due messages. Rows are claimed with FOR UPDATE SKIP LOCKED inside one
 * transaction that also marks them delivered, so two processes never deliver the same message, and
 * a crash mid-batch rolls back the claim (the message is retried, never lost). Each message runs in
 * its own savepoint, so one that fails (even with an SQL error, which aborts a PostgreSQL
 * transaction) leaves the others delivered. A message whose topic is unknown or has no handler is
 * not delivered: it stays with its error for an operator.
 */
export async function deliverOutbox(ctx: AppContext, registry: OutboxRegistry, batch = 50): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: number; topic: string; payload: Record<string, unknown>; attempts: number }>(sql`
      select id, topic, payload, attempts from outbox
      where delivered_at is null and available_at <= ${ctx.clock.now()} and attempts < ${MAX_ATTEMPTS}
      order by id limit ${batch} for update skip locked`);
    const delivered: number[] = [];
    const inTx = txContext(ctx, tx);
    for (const row of rows.rows) {
      try {
        const handlers = registry.handlersOf(row.topic);
        if (!handlers?.length) throw new OutboxTopicError(`outbox: no handler for topic ${row.topic}`);
        const payload = checked(row.topic, row.payload) as TopicPayload<TopicName>;
        await tx.transaction(async (sp) => {
          for (const handler of handlers) await handler({ ...inTx, tx: sp }, payload, { id: Number(row.id) });
        });
        delivered.push(Number(row.id));
      } catch (err) {
        // Back off exponentially; the message stays for a later cycle or an operator.
        const delayMs = Math.min(3_600_000, 1000 * 2 ** row.attempts);
        await tx.execute(sql`update outbox set attempts = attempts + 1, last_error = ${String(err).slice(0, 1000)},
          available_at = ${new Date(ctx.clock.now().getTime() + delayMs)} where id = ${row.id}`);
      }
    }
    if (delivered.length) {
      await tx.execute(
        sql`update outbox set delivered_at = ${ctx.clock.now()}, attempts = attempts + 1 where id = any(${`{${delivered.join(',')}}`}::bigint[])`,
      );
    }
    return rows.rows.length;
  });
}
