import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../jobs/outbox';
import { makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { startFakeGateways, type FakeGateways } from '../../../test/helpers/channel-servers';
import { backoffMs, MAX_ATTEMPTS } from './retry-schedule';
import { DISABLE_AFTER_FAILURES } from './webhooks.service';

// 出站 Webhook: signed deliveries, retries with backoff, a log with response codes, redelivery,
// switching off after repeated failures, and addresses that cannot reach the server itself.
let t: TestApp;
let gw: FakeGateways;
beforeAll(async () => {
  process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK = '1';
  t = await createTestApp();
  gw = await startFakeGateways(() => t.clock.now());
});
afterAll(async () => {
  delete process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK;
  await gw?.close();
  await t?.close();
});
beforeEach(() => {
  gw.received.length = 0;
});

const drain = async () => {
  for (let i = 0; i < 20 && (await deliverOutbox(t.ctx, t.modules.outbox)) > 0; i++);
};
const subscribe = async (name: string, events = ['ticket.created']) => {
  const res = await t.as('admin', { method: 'POST', url: '/api/v1/webhooks', payload: { name, url: `${gw.url}/hook/${name}`, events } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string };
};
type Delivery = {
  id: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  nextAttemptAt: string | null;
  redeliveryOf: string | null;
  body: string;
  log: { statusCode: number | null; error: string | null }[];
};
const deliveries = async (id: string) => (await t.as('admin', { method: 'GET', url: `/api/v1/webhooks/${id}/deliveries` })).json().items as Delivery[];
const subscription = async (id: string) =>
  (
    (await t.as('admin', { method: 'GET', url: '/api/v1/webhooks' })).json().items as {
      id: string;
      enabled: boolean;
      consecutiveFailures: number;
      disabledReason: string | null;
    }[]
  ).find((s) => s.id === id)!;

describe('signed deliveries', () => {
  it('the secret is shown once; each delivery carries X-Shouhou-Signature = sha256 HMAC of "timestamp.body"', async () => {
    const sub = await subscribe('erp');
    expect(sub.secret).toMatch(/^whsec_/);
    const list = await t.as('admin', { method: 'GET', url: '/api/v1/webhooks' });
    expect(list.body).not.toContain(sub.secret);
    expect(JSON.stringify((await t.ctx.database.exec('select * from webhook_subscriptions')).rows)).not.toContain(sub.secret);

    const ticket = await makeTicket(t);
    await drain();
    const req = gw.received.find((r) => r.path === '/hook/erp')!;
    const ts = String(req.headers['x-shouhou-timestamp']);
    expect(Number(ts)).toBe(Math.floor(t.clock.now().getTime() / 1000));
    const expected = 'sha256=' + createHmac('sha256', sub.secret).update(`${ts}.${req.body}`).digest('hex');
    expect(req.headers['x-shouhou-signature']).toBe(expected);
    expect(req.headers['x-shouhou-event']).toBe('ticket.created');
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ event: 'ticket.created', data: { ticketId: ticket.id, number: ticket.number } });
    const [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, id: req.headers['x-shouhou-delivery'] });
    expect(d!.log).toEqual([expect.objectContaining({ statusCode: 200, error: null })]);
  });
});

describe('retries, backoff and switching off', () => {
  it('a 500 is retried at 30 s, then 2 min; the log keeps each response code', async () => {
    const sub = await subscribe('crm');
    gw.queueStatuses('crm', 500, 503);
    await makeTicket(t);
    await drain();
    let [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(new Date(d!.nextAttemptAt!).getTime() - t.clock.now().getTime()).toBe(backoffMs(1));
    // Not before its time.
    t.clock.advance(backoffMs(1) - 1000);
    await drain();
    expect((await deliveries(sub.id))[0]!.attempts).toBe(1);
    t.clock.advance(1000);
    await drain();
    [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 503 });
    t.clock.advance(backoffMs(2));
    await drain();
    [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200 });
    expect(d!.log.map((a) => a.statusCode)).toEqual([500, 503, 200]);
    expect((await subscription(sub.id)).consecutiveFailures).toBe(0);
  });

  it('a busy or unavailable receiver is tried again when its Retry-After says, in seconds or as a date, kept between 5 s and 2 h', async () => {
    const sub = await subscribe('busy');
    const inAMinute = new Date(t.clock.now().getTime() + 60_000).toUTCString();
    gw.queueStatuses(
      'busy',
      { status: 429, retryAfter: '10' },
      { status: 503, retryAfter: inAMinute },
      { status: 503, retryAfter: '0' },
      { status: 503, retryAfter: '86400' },
      // Only 429 and 503 say when to come back: a 500's header is not followed.
      { status: 500, retryAfter: '10' },
    );
    await makeTicket(t);
    await drain();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [d] = await deliveries(sub.id);
      expect(d).toMatchObject({ status: 'pending', attempts: attempt });
      const wait = new Date(d!.nextAttemptAt!).getTime() - t.clock.now().getTime();
      waits.push(wait);
      t.clock.advance(wait);
      await drain();
    }
    // The date was written a minute ahead of the first answer, which came 10 s earlier.
    expect(waits).toEqual([10_000, 50_000, 5_000, 2 * 3600_000, backoffMs(5)]);
    const [d] = await deliveries(sub.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: 6 });
    expect(d!.log.map((a) => a.statusCode)).toEqual([429, 503, 503, 503, 500, 200]);
  });

  it(`gives a delivery up after ${MAX_ATTEMPTS} attempts, and switches the subscription off after ${DISABLE_AFTER_FAILURES} failures in a row`, async () => {
    const sub = await subscribe('flaky');
    gw.queueStatuses('flaky', ...Array(20).fill(500));
    await makeTicket(t);
    await drain();
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      t.clock.advance(backoffMs(i));
      await drain();
    }
    const [first] = await deliveries(sub.id);
    expect(first).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect((await subscription(sub.id)).enabled).toBe(true);

    // Two more events: the 10th failed attempt in a row switches it off, the other delivery is skipped.
    await makeTicket(t);
    await makeTicket(t);
    await drain();
    for (let i = 1; i < 4; i++) {
      t.clock.advance(backoffMs(i));
      await drain();
    }
    const s = await subscription(sub.id);
    expect(s).toMatchObject({ enabled: false, consecutiveFailures: DISABLE_AFTER_FAILURES });
    expect(s.disabledReason).toContain('连续投递失败');
    const all = await deliveries(sub.id);
    expect(all.filter((d) => d.status === 'pending')).toEqual([]);
    expect(all.map((d) => d.status).sort()).toEqual(['failed', 'failed', 'skipped']);

    // A switched-off subscription hears of nothing.
    const calls = () => gw.received.filter((r) => r.path === '/hook/flaky').length;
    const before = calls();
    await makeTicket(t);
    await drain();
    expect(calls()).toBe(before);
    expect((await deliveries(sub.id)).length).toBe(3);

    // Redelivery is refused until an admin switches it back on, which clears the count.
    const redo = await t.as('admin', { method: 'POST', url: `/api/v1/webhooks/${sub.id}/deliveries/${first!.id}/redeliver` });
    expect(redo.statusCode).toBe(409);
    const on = await t.as('admin', { method: 'PATCH', url: `/api/v1/webhooks/${sub.id}`, payload: { enabled: true } });
    expect(on.json()).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
  });
});

describe('manual redelivery', () => {
  it('sends the same body again as a new delivery with its own log and a fresh signature', async () => {
    const sub = await subscribe('wms');
    gw.queueStatuses('wms', 500, 500, 500, 500, 500, 500);
    await makeTicket(t);
    await drain();
    const [original] = await deliveries(sub.id);
    gw.received.length = 0;
    const res = await t.as('admin', { method: 'POST', url: `/api/v1/webhooks/${sub.id}/deliveries/${original!.id}/redeliver` });
    expect(res.statusCode).toBe(202);
    await drain();
    const again = (await deliveries(sub.id)).find((d) => d.id === res.json().id)!;
    expect(again).toMatchObject({ redeliveryOf: original!.id, body: original!.body, attempts: 1 });
    expect(gw.received.at(-1)!.body).toBe(original!.body);
    expect(gw.received.at(-1)!.headers['x-shouhou-delivery']).toBe(again.id);
  });

  it('a delivery of another subscription is not found there', async () => {
    const a = await subscribe('a1');
    const b = await subscribe('b1');
    await makeTicket(t);
    await drain();
    const [d] = await deliveries(a.id);
    expect((await t.as('admin', { method: 'POST', url: `/api/v1/webhooks/${b.id}/deliveries/${d!.id}/redeliver` })).statusCode).toBe(404);
  });
});

describe('SSRF: where a webhook may point', () => {
  const refused = [
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_',
    'http://169.254.169.254/latest/meta-data/iam/',
    'http://[fe80::1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://100.100.100.200/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://0.0.0.0:3000/api/v1/users',
    'http://user:pass@example.com/hook',
  ];
  it.each(refused)('refuses %s', async (url) => {
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/webhooks', payload: { name: 'bad', url, events: ['ticket.created'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toContain('url');
  });

  it('refuses the server itself (loopback) unless loopback is allowed, also when a name resolves there at delivery time', async () => {
    delete process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK;
    try {
      for (const url of ['http://127.0.0.1:3000/api/v1/users', 'http://localhost:3000/api/v1/users', 'http://[::1]:3000/']) {
        const res = await t.as('admin', { method: 'POST', url: '/api/v1/webhooks', payload: { name: 'self', url, events: ['ticket.created'] } });
        expect(res.statusCode, url).toBe(400);
      }
      // A name that passes the first check but resolves to loopback when the request is made (rebinding).
      process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK = '1';
      const sub = await t.as('admin', {
        method: 'POST',
        url: '/api/v1/webhooks',
        payload: { name: 'rebind', url: `${gw.url.replace('127.0.0.1', 'localhost')}/hook/rebind`, events: ['ticket.created'] },
      });
      expect(sub.statusCode).toBe(201);
      delete process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK;
      await makeTicket(t);
      await drain();
      const [d] = await deliveries(sub.json().id);
      expect(d!.log[0]).toMatchObject({ statusCode: null });
      expect(d!.log[0]!.error).toContain('loopback');
      expect(gw.received.some((r) => r.path === '/hook/rebind')).toBe(false);
    } finally {
      process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK = '1';
    }
  });
});

describe('who may manage webhooks', () => {
  it('administrators only', async () => {
    for (const role of ['manager', 'agent', 'finance', 'quality'] as const) {
      expect((await t.as(role, { method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(403);
      expect(
        (await t.as(role, { method: 'POST', url: '/api/v1/webhooks', payload: { name: 'x', url: 'https://example.com', events: ['ticket.created'] } }))
          .statusCode,
      ).toBe(403);
    }
  });
});
