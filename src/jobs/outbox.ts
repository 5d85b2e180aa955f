import { sql } from 'drizzle-orm';
import { sharedRead, txContext, type AppContext, type TxContext } from '../context';
import type { DbOrTx } from '../db/client';
import type { StatementBatch } from '../db/statement-batch';
import { insertRows } from '../db/compiled';
import { findTopic, TOPIC_NAMES, type TopicInput, type TopicName, type TopicPayload } from './catalogue';
import { outbox } from './outbox.tables';

/**
 * Runs inside the delivery transaction: it gets the transaction, never the pool, and writes nothing
 * outside the database (a failure elsewhere in the batch runs it again; see deliverOutbox).
 */
export type TopicHandler<N extends TopicName> = ((ctx: TxContext, payload: TopicPayload<N>, message: { id: number }) => Promise<void>) & {
  /** The same work for many messages of the topic at once (registered with handleBatch). */
  batch?: BatchTopicHandler<N>;
};
/** Handles several messages of one topic in one go: a delivery batch of them costs a few statements, not a few per message. */
export type BatchTopicHandler<N extends TopicName> = (ctx: TxContext, messages: readonly { payload: TopicPayload<N>; id: number }[]) => Promise<void>;
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
export function enqueueWith<N extends TopicName>(writes: StatementBatch, at: Date, topic: N, payload: TopicInput<N>): void {
  writes.add(insertRows(outbox, [{ topic, payload: checked(topic, payload), createdAt: at, availableAt: at }]));
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
  /**
   * Like handle, for a handler that does the same for many messages at once (reads and writes for all
   * of them in a few statements). A fast pass gives it every message of its topic in the batch; an
   * isolated pass, one at a time. Not for external handlers: those run isolated, message by message.
   */
  handleBatch<N extends TopicName>(topic: N, owner: string, handler: BatchTopicHandler<N>): void;
  /** Ends registration; throws when a declared topic has no handler (a start-up error, not a silent drop). */
  seal(): void;
  handlersOf(topic: string): TopicHandler<TopicName>[] | undefined;
  /** The topics some handler of which is external (their messages are claimed in batches of their own). */
  externalTopics(): string[];
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
    handleBatch(topic, owner, batch) {
      const one: TopicHandler<typeof topic> = (ctx, payload, message) => batch(ctx, [{ payload, id: message.id }]);
      one.batch = batch;
      this.handle(topic, owner, one);
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
    externalTopics: () => [...external],
  };
}

/**
 * A read the handlers of one delivery batch share — a settings row, the webhook subscriptions — done
 * once per batch instead of once per message (a batch of new tickets asks the same questions hundreds
 * of times). A change made meanwhile applies from the next batch, a second later at most. Outside a
 * delivery batch it simply reads.
 */
export function oncePerBatch<T>(ctx: TxContext, key: string, read: () => PromiseLike<T>): Promise<T> {
  return sharedRead(ctx, key, read);
}

const MAX_ATTEMPTS = 10;
/** Messages of internal topics claimed at once: their handlers only write the database, many batched. */
const INTERNAL_BATCH = 200;
/** Messages of external topics (mail, SMS, webhooks) claimed at once: each runs isolated and may wait on the network. */
const EXTERNAL_BATCH = 50;

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
    /** null: a batch handler failed for several messages at once; the isolated pass finds which. */
    readonly messageId: number | null,
    override readonly cause: unknown,
  ) {
    super(String(cause));
  }
}

/**
 * Delivers due messages: a batch of internal topics, then one of external topics (so a mail waiting
 * on its server never turns a batch of new tickets' bookkeeping into one savepoint per message). Rows
 * are claimed with FOR UPDATE SKIP LOCKED inside one transaction that also marks them delivered, so two
 * processes never deliver the same message, and a crash mid-batch rolls back the claim (the message is
 * retried, never lost). Returns how many were claimed; `batch` caps both claims (tests use small ones).
 *
 * Handlers only write in the delivery transaction, so an internal batch first runs without savepoints
 * (two round trips less per message) and gives a batch handler every message of its topic at once. If
 * any handler fails, that transaction is rolled back whole — nothing of it happened — and the batch runs
 * again with a savepoint per message, so the one that fails (even with an SQL error, which aborts a
 * PostgreSQL transaction) leaves the others delivered. External batches run that way from the start. A
 * message whose topic is unknown or has no handler is not delivered: it stays with its error for an
 * operator.
 */
export async function deliverOutbox(ctx: AppContext, registry: OutboxRegistry, batch?: number): Promise<number> {
  const external = registry.externalTopics();
  let claimed = 0;
  for (const pass of [
    // PGlite too: its one connection makes requests wait while a batch is delivered, yet batches of 50
    // gave a worse tail than 200 (`npm run bench -- tickets`, 32 clients: p99 263–284 ms vs 202–234 ms):
    // every batch pays the claim, the transaction and the shared reads, and a backlog builds between them.
    { external: false, size: batch ?? INTERNAL_BATCH },
    { external: true, size: batch ?? EXTERNAL_BATCH },
  ]) {
    const claim = { topics: external, external: pass.external, size: pass.size };
    try {
      claimed += await deliverBatch(ctx, registry, claim, null);
    } catch (err) {
      if (!(err instanceof FastPassFailed)) throw err;
      claimed += await deliverBatch(ctx, registry, claim, err);
    }
  }
  return claimed;
}

interface Claim {
  /** The external topics; `external` says whether this batch takes only those or only the others. */
  topics: string[];
  external: boolean;
  size: number;
}
type Claimed = { id: number; topic: string; payload: Record<string, unknown>; attempts: number };

/** `failed`: the fast pass's failure — run isolated, and record that message's error without running it again. */
async function deliverBatch(ctx: AppContext, registry: OutboxRegistry, claim: Claim, failed: FastPassFailed | null): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.execute<Claimed>(sql`
      select id, topic, payload, attempts from outbox
      where delivered_at is null and available_at <= ${ctx.clock.now()} and attempts < ${MAX_ATTEMPTS}
        and (topic = any(${`{${claim.topics.join(',')}}`}::text[])) = ${claim.external}
      order by id limit ${claim.size} for update skip locked`);
    const inTx: TxContext = { ...txContext(ctx, tx), shared: new Map() };
    const delivered: number[] = [];
    const giveBack = async (row: Claimed, err: unknown) => {
      // Back off exponentially; the message stays for a later cycle or an operator.
      const delayMs = Math.min(3_600_000, 1000 * 2 ** row.attempts);
      await tx.execute(sql`update outbox set attempts = attempts + 1, last_error = ${String(err).slice(0, 1000)},
          available_at = ${new Date(ctx.clock.now().getTime() + delayMs)} where id = ${row.id}`);
    };
    const ready: { row: Claimed; handlers: TopicHandler<TopicName>[]; payload: TopicPayload<TopicName> }[] = [];
    for (const row of rows.rows) {
      try {
        const handlers = registry.handlersOf(row.topic);
        if (!handlers?.length) throw new OutboxTopicError(`outbox: no handler for topic ${row.topic}`);
        ready.push({ row, handlers, payload: checked(row.topic, row.payload) as TopicPayload<TopicName> });
      } catch (err) {
        await giveBack(row, err);
      }
    }
    if (failed === null && !claim.external) {
      await fastPass(inTx, ready);
      delivered.push(...ready.map((r) => Number(r.row.id)));
    } else {
      for (const { row, handlers, payload } of ready) {
        try {
          if (failed && failed.messageId === Number(row.id)) throw failed.cause;
          await tx.transaction(async (sp) => {
            for (const handler of handlers) await handler({ ...inTx, tx: sp }, payload, { id: Number(row.id) });
          });
          delivered.push(Number(row.id));
        } catch (err) {
          await giveBack(row, err);
        }
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

/**
 * Without savepoints, topic by topic in the order each first appears: a batch handler gets all its
 * topic's messages, any other handler one message at a time. Any failure fails the whole pass.
 */
async function fastPass(ctx: TxContext, ready: readonly { row: Claimed; handlers: TopicHandler<TopicName>[]; payload: TopicPayload<TopicName> }[]) {
  const byTopic = new Map<string, typeof ready extends readonly (infer R)[] ? R[] : never>();
  for (const r of ready) byTopic.set(r.row.topic, [...(byTopic.get(r.row.topic) ?? []), r]);
  for (const group of byTopic.values()) {
    for (const [i, handler] of group[0]!.handlers.entries()) {
      if (handler.batch && group.length > 1) {
        try {
          await handler.batch(
            ctx,
            group.map((r) => ({ payload: r.payload, id: Number(r.row.id) })),
          );
        } catch (err) {
          throw new FastPassFailed(null, err);
        }
        continue;
      }
      for (const r of group) {
        try {
          await r.handlers[i]!(ctx, r.payload, { id: Number(r.row.id) });
        } catch (err) {
          throw new FastPassFailed(Number(r.row.id), err);
        }
      }
    }
  }
}
