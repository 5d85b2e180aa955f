import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app';
import { makeCustomer, makeTicket } from '../../test/factories';
import { notificationHandlers } from '../modules/notifications/notifications.service';
import { deliverOutbox, type OutboxHandler } from './outbox';

let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  customerId = (await makeCustomer(t)).id;
});
afterAll(async () => t?.close());

type Notification = { id: number; kind: string; ticketId: string | null; title: string; readAt: string | null };
const notificationsOf = async (role: 'manager' | 'engineer' | 'agent') => {
  const res = await t.as(role, { method: 'GET', url: '/api/v1/notifications' });
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
    expect((await t.as('engineer', { method: 'GET', url: '/api/v1/notifications?unread=true' })).json().items.map((n: Notification) => n.id)).not.toContain(mine[0]!.id);
  });

  it('retries a failed delivery later instead of losing it', async () => {
    await t.workers.runOnce();
    const ticket = await urgent();
    let failures = 0;
    const flaky: Record<string, OutboxHandler> = {
      ...notificationHandlers,
      'ticket.created': async () => {
        failures++;
        throw new Error('mail server down');
      },
    };
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

// Several server processes share one PostgreSQL; PGlite has a single connection, so nothing runs concurrently there.
describe.skipIf(process.env.SHOUHOU_TEST_DB !== 'postgres')('concurrent delivery on PostgreSQL', () => {
  it('delivers each message exactly once when two workers run at the same time', async () => {
    await t.workers.runOnce();
    const tickets = [];
    for (let i = 0; i < 24; i++) tickets.push(await urgent());
    const calls: string[] = [];
    const counting = Object.fromEntries(
      Object.entries(notificationHandlers).map(([topic, handler]) => [
        topic,
        (async (ctx, payload) => {
          calls.push(`${topic}:${String(payload.ticketId)}`);
          // Hold the claim a moment, so the other worker runs while this one is mid-batch.
          await new Promise((r) => setTimeout(r, 5));
          await handler(ctx, payload);
        }) as OutboxHandler,
      ]),
    );
    const worker = async () => {
      let delivered = 0;
      for (let n; (n = await deliverOutbox(t.ctx, counting, 5)) > 0; ) delivered += n;
      return delivered;
    };
    const [a, b] = await Promise.all([worker(), worker()]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const created = calls.filter((c) => c.startsWith('ticket.created:'));
    expect(created).toHaveLength(24);
    expect(new Set(created).size).toBe(24);
    const ids = tickets.map((x) => x.id);
    const rows = await t.ctx.database.exec(`select attempts, delivered_at from outbox where topic = 'ticket.created' and payload->>'ticketId' = any($1::text[])`, [ids]);
    expect(rows.rows).toHaveLength(24);
    expect(rows.rows.every((r) => r.attempts === 1 && r.delivered_at !== null)).toBe(true);
    const count = await t.ctx.database.exec(`select count(*)::int as n from notifications where user_id = $1 and ticket_id = any($2::uuid[])`, [t.users.manager.id, ids]);
    expect(count.rows[0]!.n).toBe(24);
  });
});
