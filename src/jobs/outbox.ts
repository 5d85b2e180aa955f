import { sql } from 'drizzle-orm';
import { txContext, type AppContext, type TxContext } from '../context';
import type { DbOrTx } from '../db/client';
import type { StatementBatch } from '../db/statement-batch';
import { findTopic, TOPIC_NAMES, type TopicInput, type TopicName, type TopicPayload } from './catalogue';
import { outbox } from './outbox.tables';

/**
 * Runs inside the delivery transaction: it gets the transaction, never the pool, and writes nothing
 * outside the database (a failure elsewhere in the batch runs it again; see deliverOutbox).
 */
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

/** enqueue as part of the caller's single write (src/db/statement-batch.ts). */
export function enqueueWith<N extends TopicName>(writes: StatementBatch, tx: DbOrTx, at: Date, topic: N, payload: TopicInput<N>): void {
  writes.add(tx.insert(outbox).values({ topic, payload: checked(topic, payload), createdAt: at, availableAt: at }));
}

/** Several messages in one INSERT (the SLA sweeps announce hundreds at once). */
export async function enqueueMany(tx: DbOrTx, at: Date, messages: OutboxMessage[]): Promise<void> {
  if (messages.length)
    await tx.insert(outbox).values(messages.map((m) => ({ topic: m.topic, payload: checked(m.topic, m.payload), createdAt: at, availableAt: at })));
}

/** Who handles each topic, per running instance; built by the composition root. */
export interface OutboxRegistry {
  /** A module registers its handler for a topic; the same module registering the same topic twice throws. */
  handle<N extends TopicName>(topic: N, owner: string, handler: TopicHandler<N>, opts?: HandlerOptions): void;
  /** Ends registration; throws when a declared topic has no handler (a start-up error, not a silent drop). */
  seal(): void;
  handlersOf(topic: string): TopicHandler<TopicName>[] | undefined;
  /** Some handler of this topic reaches outside the database: its batches always run isolated. */
  isExternal(topic: string): boolean;
}

export interface HandlerOptions {
  /**
   * The handler does something a rollback cannot undo (sends mail, calls a webhook). Batches holding
   * its messages run with a savepoint per message from the start, so another message's failure never
   * makes it run twice.
   */
  external?: boolean;
}

export function createOutboxRegistry(): OutboxRegistry {
  const handlers = new Map<string, Map<string, TopicHandler<TopicName>>>();
  const external = new Set<string>();
  let sealed = false;
  return {
    handle(topic, owner, handler, opts) {
      if (sealed) throw new Error(`outbox: handler for ${topic} registered after start-up; register in createModules (src/composition.ts)`);
      if (!findTopic(topic)) throw new OutboxTopicError(`outbox: unknown topic ${topic}`);
      const mine = handlers.get(topic) ?? new Map<string, TopicHandler<TopicName>>();
      if (mine.has(owner)) throw new Error(`outbox: ${owner} registered a handler for ${topic} twice`);
      mine.set(owner, handler as unknown as TopicHandler<TopicName>);
      handlers.set(topic, mine);
      if (opts?.external) external.add(topic);
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
    isExternal: (topic) => external.has(topic),
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

/** A handler failed during the fast pass: the whole batch rolls back and is delivered again, isolated. */
class FastPassFailed extends Error {
  constructor(
    readonly messageId: number,
    override readonly cause: unknown,
  ) {
    super(String(cause));
  }
}

/**
 * Delivers up to `batch` due messages. Rows are claimed with FOR UPDATE SKIP LOCKED inside one
 * transaction that also marks them delivered, so two processes never deliver the same message, and
 * a crash mid-batch rolls back the claim (the message is retried, never lost).
 *
 * Handlers only write in the delivery transaction, so a batch first runs without savepoints (two
 * round trips less per message — ticket creation pays for its outbox message here). If any handler
 * fails, that transaction is rolled back whole — nothing of it happened — and the batch runs again
 * with a savepoint per message, so the one that fails (even with an SQL error, which aborts a
 * PostgreSQL transaction) leaves the others delivered. A message whose topic is unknown or has no
 * handler is not delivered: it stays with its error for an operator.
 */
export async function deliverOutbox(ctx: AppContext, registry: OutboxRegistry, batch = 50): Promise<number> {
  try {
    return await deliverBatch(ctx, registry, batch, null);
  } catch (err) {
    if (!(err instanceof FastPassFailed)) throw err;
    return deliverBatch(ctx, registry, batch, err);
  }
}

/** `failed`: the fast pass's failure — run isolated, and record that message's error without running it again. */
async function deliverBatch(ctx: AppContext, registry: OutboxRegistry, batch: number, failed: FastPassFailed | null): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: number; topic: string; payload: Record<string, unknown>; attempts: number }>(sql`
      select id, topic, payload, attempts from outbox
      where delivered_at is null and available_at <= ${ctx.clock.now()} and attempts < ${MAX_ATTEMPTS}
      order by id limit ${batch} for update skip locked`);
    const delivered: number[] = [];
    const inTx = txContext(ctx, tx);
    const isolated = failed !== null || rows.rows.some((r) => registry.isExternal(r.topic));
    for (const row of rows.rows) {
      try {
        const handlers = registry.handlersOf(row.topic);
        if (!handlers?.length) throw new OutboxTopicError(`outbox: no handler for topic ${row.topic}`);
        const payload = checked(row.topic, row.payload) as TopicPayload<TopicName>;
        if (failed && failed.messageId === Number(row.id)) throw failed.cause;
        if (isolated) {
          await tx.transaction(async (sp) => {
            for (const handler of handlers) await handler({ ...inTx, tx: sp }, payload, { id: Number(row.id) });
          });
        } else {
          try {
            for (const handler of handlers) await handler(inTx, payload, { id: Number(row.id) });
          } catch (err) {
            throw new FastPassFailed(Number(row.id), err);
          }
        }
        delivered.push(Number(row.id));
      } catch (err) {
        if (err instanceof FastPassFailed) throw err;
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
