import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app';
import { makeCustomer, makeTicket } from '../../test/factories';
import type { TopicName } from './catalogue';
import { deliverOutbox, enqueue, type OutboxRegistry, type TopicHandler } from './outbox';

let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  customerId = (await makeCustomer(t)).id;
});
afterAll(async () => t?.close());

type Notification = { id: number; kind: string; ticketId: string | null; params: Record<string, unknown>; title: string; readAt: string | null };
const notificationsOf = async (role: 'manager' | 'engineer' | 'agent', language?: string) => {
  const res = await t.as(role, { method: 'GET', url: '/api/v1/notifications', headers: language ? { 'accept-language': language } : {} });
  expect(res.statusCode).toBe(200);
  return res.json().items as Notification[];
};
const outboxFor = async (ticketId: string) =>
  (await t.ctx.database.exec(`select id, topic, payload, delivered_at, attempts from outbox where payload->>'ticketId' = $1 order by id`, [ticketId])).rows as {
    id: number;
    topic: string;
    payload: Record<string, unknown>;
    delivered_at: Date | null;
    attempts: number;
  }[];
const urgent = () => makeTicket(t, { customerId, priority: 'urgent', priorityReason: '客户产线停产' });
/** The instance's handlers, with some topics' replaced. */
const overriding = (replaced: Partial<Record<TopicName, TopicHandler<TopicName>>>): OutboxRegistry => ({
  ...t.modules.outbox,
  handlersOf: (topic) => (replaced[topic as TopicName] ? [replaced[topic as TopicName]!] : t.modules.outbox.handlersOf(topic)),
});

describe('notifications through the outbox', () => {
  it('files an urgent ticket with the manager once the outbox is delivered, exactly once', async () => {
    const ticket = await urgent();
    const rows = await outboxFor(ticket.id);
    expect(rows.map((r) => r.topic)).toContain('ticket.created');
    const created = rows.find((r) => r.topic === 'ticket.created')!;
    expect(created.delivered_at).toBeNull();
    expect(created.payload).toMatchObject({ ticketId: ticket.id, number: ticket.number, priority: 'urgent' });
    // Nothing is delivered before the worker runs.
    expect((await notificationsOf('manager')).filter((n) => n.ticketId === ticket.id)).toEqual([]);

    await t.workers.runOnce();
    const mine = (await notificationsOf('manager')).filter((n) => n.ticketId === ticket.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.title).toContain(ticket.number);
    expect(mine[0]!.title).toContain('紧急');
    expect(mine[0]!.readAt).toBeNull();
    const delivered = (await outboxFor(ticket.id)).find((r) => r.topic === 'ticket.created')!;
    expect(delivered.delivered_at).not.toBeNull();
    expect(delivered.attempts).toBe(1);

    await t.workers.runOnce();
    expect((await notificationsOf('manager')).filter((n) => n.ticketId === ticket.id)).toHaveLength(1);
    expect((await outboxFor(ticket.id)).find((r) => r.topic === 'ticket.created')!.attempts).toBe(1);
  });

  it('does not notify twice when a message is delivered again after a crash', async () => {
    const ticket = await urgent();
    await t.workers.runOnce();
    const row = (await outboxFor(ticket.id)).find((r) => r.topic === 'ticket.created')!;
    // As if the process died after the handler wrote but before the delivery was recorded.
    await t.ctx.database.exec('update outbox set delivered_at = null where id = $1', [row.id]);
    await t.workers.runOnce();
    expect((await outboxFor(ticket.id)).find((r) => r.id === row.id)!.delivered_at).not.toBeNull();
    expect((await notificationsOf('manager')).filter((n) => n.ticketId === ticket.id)).toHaveLength(1);
  });

  it('does not file a general ticket with the manager', async () => {
    const ticket = await makeTicket(t, { customerId, priority: 'general' });
    await t.workers.runOnce();
    expect((await outboxFor(ticket.id)).find((r) => r.topic === 'ticket.created')!.delivered_at).not.toBeNull();
    expect((await notificationsOf('manager')).filter((n) => n.ticketId === ticket.id)).toEqual([]);
  });

  it('tells the engineer a ticket was assigned to them', async () => {
    const ticket = await makeTicket(t, { customerId });
    await t.workers.runOnce();
    expect((await notificationsOf('engineer')).filter((n) => n.ticketId === ticket.id)).toEqual([]);
    const res = await t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, payload: { ownerId: t.users.engineer.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await outboxFor(ticket.id)).map((r) => r.topic)).toContain('ticket.assigned');
    await t.workers.runOnce();
    const mine = (await notificationsOf('engineer')).filter((n) => n.ticketId === ticket.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'ticket_assigned' });
    expect(mine[0]!.title).toContain(ticket.number);
    // Only the engineer hears about it.
    expect((await notificationsOf('agent')).filter((n) => n.ticketId === ticket.id)).toEqual([]);
    const read = await t.as('engineer', { method: 'POST', url: `/api/v1/notifications/${mine[0]!.id}/read` });
    expect(read.statusCode).toBe(204);
    expect((await t.as('engineer', { method: 'GET', url: '/api/v1/notifications?unread=true' })).json().items.map((n: Notification) => n.id)).not.toContain(
      mine[0]!.id,
    );
  });

  it('retries a failed delivery later instead of losing it', async () => {
    await t.workers.runOnce();
    const ticket = await urgent();
    let failures = 0;
    const flaky = overriding({
      'ticket.created': async () => {
        failures++;
        throw new Error('mail server down');
      },
    });
    await deliverOutbox(t.ctx, flaky);
    expect(failures).toBe(1);
    const row = (await outboxFor(ticket.id)).find((r) => r.topic === 'ticket.created')!;
    expect(row).toMatchObject({ delivered_at: null, attempts: 1 });
    expect((await notificationsOf('manager')).filter((n) => n.ticketId === ticket.id)).toEqual([]);
    // Not retried at once: it backs off.
    await deliverOutbox(t.ctx, flaky);
    expect(failures).toBe(1);
    t.clock.advance(60_000);
    await t.workers.runOnce();
    expect((await notificationsOf('manager')).filter((n) => n.ticketId === ticket.id)).toHaveLength(1);
  });
});

describe("notifications in the reader's language", () => {
  it('stores a kind and parameters and words them in Chinese by default and in English on request', async () => {
    const ticket = await urgent();
    await t.workers.runOnce();
    const stored = await t.ctx.database.exec(`select kind, params, title from notifications where ticket_id = $1 and user_id = $2`, [
      ticket.id,
      t.users.manager.id,
    ]);
    expect(stored.rows).toEqual([{ kind: 'ticket_filed', params: { number: ticket.number, priority: 'urgent' }, title: null }]);
    const zh = (await notificationsOf('manager')).find((n) => n.ticketId === ticket.id)!;
    expect(zh.title).toBe(`紧急工单备案 ${ticket.number}`);
    const en = (await notificationsOf('manager', 'en')).find((n) => n.ticketId === ticket.id)!;
    expect(en).toMatchObject({ kind: 'ticket_filed', params: { number: ticket.number, priority: 'urgent' }, title: `Urgent ticket filed: ${ticket.number}` });
  });

  it('shows a row written before parameters were kept with its stored Chinese title', async () => {
    await t.ctx.database.exec(
      `insert into notifications (user_id, kind, title, dedupe_key, created_at) values ($1, 'ticket_filed', '重要工单备案 WX20261101001', 'legacy:1', now())`,
      [t.users.manager.id],
    );
    const legacy = (await notificationsOf('manager', 'en')).find((n) => n.title.includes('WX20261101001'))!;
    expect(legacy).toMatchObject({ title: '重要工单备案 WX20261101001', params: {} });
  });
});

describe('the topic catalogue', () => {
  it('refuses to enqueue an undeclared topic or a payload that does not match its schema, writing nothing', async () => {
    const before = (await t.ctx.database.exec('select count(*)::int as n from outbox')).rows[0]!.n;
    await expect(t.ctx.db.transaction((tx) => enqueue(tx, t.clock.now(), 'ticket.deleted' as never, {} as never))).rejects.toThrow(
      /unknown topic ticket\.deleted/,
    );
    await expect(
      t.ctx.db.transaction((tx) => enqueue(tx, t.clock.now(), 'ticket.assigned', { ticketId: 'not-a-uuid', number: 'WX1', ownerId: t.users.engineer.id })),
    ).rejects.toThrow(/does not match its schema/);
    expect((await t.ctx.database.exec('select count(*)::int as n from outbox')).rows[0]!.n).toBe(before);
  });

  it('leaves a stored message of an unknown topic undelivered with its error, and delivers the others', async () => {
    await t.workers.runOnce();
    await t.ctx.database.exec(`insert into outbox (topic, payload, created_at, available_at) values ('ticket.archived', '{}', $1, $1)`, [t.clock.now()]);
    const ticket = await urgent();
    await t.workers.runOnce();
    const [stray] = (await t.ctx.database.exec(`select delivered_at, attempts, last_error from outbox where topic = 'ticket.archived'`)).rows;
    expect(stray).toMatchObject({ delivered_at: null, attempts: 1 });
    expect(String(stray!.last_error)).toContain('no handler for topic ticket.archived');
    expect((await outboxFor(ticket.id)).find((r) => r.topic === 'ticket.created')!.delivered_at).not.toBeNull();
  });

  it('keeps the rest of a batch when one handler fails with a database error', async () => {
    await t.workers.runOnce();
    const failing = await urgent();
    const res = await t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${failing.id}`, payload: { ownerId: t.users.engineer.id } });
    expect(res.statusCode, res.body).toBe(200);
    const broken = overriding({
      'ticket.created': async (ctx) => {
        // An SQL error aborts a PostgreSQL transaction: only the message's savepoint may be lost.
        await ctx.tx.execute(sql`select 1 / 0`);
      },
    });
    await deliverOutbox(t.ctx, broken);
    const rows = await outboxFor(failing.id);
    expect(rows.find((r) => r.topic === 'ticket.created')).toMatchObject({ delivered_at: null, attempts: 1 });
    expect(rows.find((r) => r.topic === 'ticket.assigned')!.delivered_at).not.toBeNull();
    expect((await notificationsOf('engineer')).filter((n) => n.ticketId === failing.id).map((n) => n.kind)).toEqual(['ticket_assigned']);
  });
});

it('runs a handler that reaches outside the database once, even when another message of its batch fails', async () => {
  await t.workers.runOnce();
  // The one that succeeds comes first in the batch: a fast pass would have run it before the failure.
  const other = await urgent();
  const failing = await urgent();
  const calls = new Map<string, number>();
  const registry: OutboxRegistry = {
    ...t.modules.outbox,
    // A mail-like handler: sending cannot be rolled back, so its batch runs isolated from the start.
    externalTopics: () => [...t.modules.outbox.externalTopics(), 'ticket.created'],
    handlersOf: (topic) =>
      topic === 'ticket.created'
        ? [
            async (ctx, payload) => {
              const id = (payload as { ticketId: string }).ticketId;
              calls.set(id, (calls.get(id) ?? 0) + 1);
              if (id === failing.id) await ctx.tx.execute(sql`select 1 / 0`);
            },
          ]
        : t.modules.outbox.handlersOf(topic),
  };
  await deliverOutbox(t.ctx, registry);
  expect(calls.get(other.id)).toBe(1);
  expect(calls.get(failing.id)).toBe(1);
  expect((await outboxFor(other.id)).find((r) => r.topic === 'ticket.created')!.delivered_at).not.toBeNull();
  expect((await outboxFor(failing.id)).find((r) => r.topic === 'ticket.created')).toMatchObject({ delivered_at: null, attempts: 1 });
});

it('rolls back what the other handlers of a failed fast pass wrote and writes it once when delivered again', async () => {
  await t.workers.runOnce();
  const failing = await urgent();
  const other = await urgent();
  const broken = overriding({
    'ticket.created': async (ctx, payload, message) => {
      if ((payload as { ticketId: string }).ticketId === failing.id) await ctx.tx.execute(sql`select 1 / 0`);
      else await t.modules.outbox.handlersOf('ticket.created')![0]!(ctx, payload, message);
    },
  });
  await deliverOutbox(t.ctx, broken);
  expect((await notificationsOf('manager')).filter((n) => n.ticketId === other.id)).toHaveLength(1);
  expect((await notificationsOf('manager')).filter((n) => n.ticketId === failing.id)).toHaveLength(0);
});

// Several server processes share one PostgreSQL; PGlite has a single connection, so nothing runs concurrently there.
describe.skipIf(process.env.SHOUHOU_TEST_DB !== 'postgres')('concurrent delivery on PostgreSQL', () => {
  it('delivers each message exactly once when two workers run at the same time', async () => {
    await t.workers.runOnce();
    const tickets = [];
    for (let i = 0; i < 24; i++) tickets.push(await urgent());
    const calls: string[] = [];
    // Worker A holds its first claimed batch until worker B has delivered a message: B can only do so
    // by skipping A's locked rows, so the two really overlap (no sleep, no timing).
    let aHolding!: () => void;
    const aHolds = new Promise<void>((r) => (aHolding = r));
    let bDelivered!: () => void;
    const bDelivers = new Promise<void>((r) => (bDelivered = r));
    const counting = (onCall: () => Promise<void>): OutboxRegistry => ({
      ...t.modules.outbox,
      handlersOf: (topic) =>
        // Counted at a topic's first handler: once per delivery of a message, however many modules
        // handle the topic (ticket.created has several).
        t.modules.outbox.handlersOf(topic)?.map((handler, i) => async (ctx, payload, message) => {
          if (i === 0) {
            calls.push(`${topic}:${String((payload as { ticketId?: string }).ticketId)}`);
            await onCall();
          }
          await handler(ctx, payload, message);
        }),
    });
    const registryA = counting(async () => {
      aHolding();
      await bDelivers;
    });
    const registryB = counting(async () => bDelivered());
    const worker = async (registry: OutboxRegistry) => {
      let delivered = 0;
      for (let n; (n = await deliverOutbox(t.ctx, registry, 5)) > 0;) delivered += n;
      return delivered;
    };
    const runA = worker(registryA);
    await aHolds;
    const [b, a] = await Promise.all([worker(registryB), runA]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const created = calls.filter((c) => c.startsWith('ticket.created:'));
    expect(created).toHaveLength(24);
    expect(new Set(created).size).toBe(24);
    const ids = tickets.map((x) => x.id);
    const rows = await t.ctx.database.exec(
      `select attempts, delivered_at from outbox where topic = 'ticket.created' and payload->>'ticketId' = any($1::text[])`,
      [ids],
    );
    expect(rows.rows).toHaveLength(24);
    expect(rows.rows.every((r) => r.attempts === 1 && r.delivered_at !== null)).toBe(true);
    const count = await t.ctx.database.exec(`select count(*)::int as n from notifications where user_id = $1 and ticket_id = any($2::uuid[])`, [
      t.users.manager.id,
      ids,
    ]);
    expect(count.rows[0]!.n).toBe(24);
  });
});
