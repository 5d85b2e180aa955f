import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/context';
import { deliverOutbox } from '../src/jobs/outbox';
import { detectBreaches, detectWarnings } from '../src/modules/sla/breach.service';
import { createContext } from '../src/server';
import { makeCustomer } from './factories';
import { createTestApp, type TestApp } from './helpers/app';
import { freshDatabase, testDatabaseUrl } from './helpers/database';
import { startServerProcess, type ServerProcess } from './helpers/server-process';

// One lock order for every writer (src/db/lock-order.ts): replies, transitions, grades, the demo seed
// and the SLA sweeps of several processes write the same tickets at once and never deadlock (40P01).
// PGlite has one connection, so its transactions never overlap: there these tests pass trivially;
// the ones that need a PostgreSQL server (other processes, a second database) are skipped.
const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t?.close());

const DAY = 86_400_000;

/** Sweeps breaches and warnings in small batches (many short transactions) until `until` settles. */
function sweepWhile(ctx: AppContext, until: Promise<unknown>): Promise<string[]> {
  let done = false;
  const stop = () => {
    done = true;
  };
  void until.then(stop, stop);
  return (async () => {
    const errors: string[] = [];
    while (!done) {
      try {
        // The outbox too: calendar edits recompute open clocks there (a durable job, in batches).
        const found = (await detectBreaches(ctx, 7)) + (await detectWarnings(ctx, 7)) + (await deliverOutbox(ctx, t.modules.outbox, 7));
        // Pacing only: an idle loop would otherwise hammer the database with empty transactions.
        if (!found) await new Promise((r) => setTimeout(r, 10));
      } catch (err) {
        errors.push(String((err as { cause?: unknown }).cause ?? err));
      }
    }
    return errors;
  })();
}

async function drainSweeps(ctx: AppContext) {
  while ((await detectBreaches(ctx)) > 0) {
    // a batch at a time
  }
  while ((await detectWarnings(ctx)) > 0) {
    // idem
  }
}

/** Every breached clock has exactly one `sla_breached` event, and no event lacks its clock. */
async function breachRecords(ids: string[]) {
  const q = async (text: string) => (await t.ctx.database.exec(text, [`{${ids.join(',')}}`])).rows;
  const perClock = (await q(`
    select c.subject_id, c.target,
           (select count(*)::int from events e where e.subject_type = 'ticket' and e.subject_id = c.subject_id
              and e.type = 'sla_breached' and e.data->>'target' = c.target) as n
      from sla_clocks c where c.subject_type = 'ticket' and c.subject_id = any($1::uuid[]) and c.status = 'breached'`)) as { n: number }[];
  const [events] = (await q(
    `select count(*)::int as n from events where subject_type = 'ticket' and subject_id = any($1::uuid[]) and type = 'sla_breached'`,
  )) as { n: number }[];
  const [flagged] = (await q(`select count(*)::int as n from tickets where id = any($1::uuid[]) and sla_breached`)) as { n: number }[];
  return { clocks: perClock.length, notOnce: perClock.filter((r) => r.n !== 1), events: events!.n, flagged: flagged!.n };
}

type Send = (payload: unknown) => Promise<{ statusCode: number; json(): unknown }>;
const importViaInject: Send = (payload) => t.as('admin', { method: 'POST', url: '/api/v1/tickets/import', payload });

/** Imports `n` tickets received three days before the clock: every clock is long overdue. */
async function importOverdue(n: number, fields: Record<string, unknown>, send: Send = importViaInject) {
  const customer = await makeCustomer(t);
  const receivedAt = new Date(t.clock.now().getTime() - 3 * DAY).toISOString();
  const rows = Array.from({ length: n }, (_, i) => ({
    channel: 'email', // a phone call is acknowledged at receipt: this needs the acknowledge clock running
    requestType: 'repair',
    description: `迁移工单 ${i}：设备停机`,
    customerId: customer.id,
    receivedAt,
    ...fields,
  }));
  const res = await send({ tickets: rows });
  expect(res.statusCode).toBe(200);
  const body = (await res.json()) as { created: { id: string }[]; failed: unknown[] };
  expect(body.failed).toEqual([]);
  return body.created.map((c) => c.id);
}

describe('writers and the SLA sweeps on the same tickets', () => {
  it('two replies to each of 40 overdue tickets while two sweeps run: every reply 201, every breach recorded once', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    await t.refreshSessions();
    const ids = await importOverdue(40, { priority: 'urgent' });
    const replies = Promise.all(
      ids.flatMap((id) =>
        ['已收到，工程师正在排查', '已安排备件'].map(
          async (body) => (await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'public_reply', body } })).statusCode,
        ),
      ),
    );
    const sweeps = await Promise.all([sweepWhile(t.ctx, replies), sweepWhile(t.ctx, replies)]);
    const statuses = await replies;
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(sweeps.flat()).toEqual([]);
    await drainSweeps(t.ctx);
    const r = await breachRecords(ids);
    // acknowledge, first response, resolution and progress update of every ticket: overdue, once each.
    expect(r.clocks).toBe(ids.length * 4);
    expect(r.notOnce).toEqual([]);
    expect(r.events).toBe(r.clocks);
    expect(r.flagged).toBe(ids.length);
  }, 120_000);

  it('grading and moving 40 overdue tickets while two sweeps run: no 5xx, every breach recorded once', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    const ids = await importOverdue(40, { customerUrgency: 'urgent' });
    const work = Promise.all(
      ids.flatMap((id) => [
        t.as('agent', { method: 'PATCH', url: `/api/v1/tickets/${id}`, payload: { priority: 'important' } }).then((r) => r.statusCode),
        (async () => {
          const a = await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'in_progress' } });
          const b = await t.as('engineer', {
            method: 'POST',
            url: `/api/v1/tickets/${id}/transitions`,
            payload: { to: 'waiting_parts', part: { name: '电源模块' } },
          });
          return [a.statusCode, b.statusCode];
        })(),
      ]),
    );
    const sweeps = await Promise.all([sweepWhile(t.ctx, work), sweepWhile(t.ctx, work)]);
    const statuses = (await work).flat();
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(sweeps.flat()).toEqual([]);
    await drainSweeps(t.ctx);
    const r = await breachRecords(ids);
    expect(r.clocks).toBeGreaterThanOrEqual(ids.length * 2);
    expect(r.notOnce).toEqual([]);
    expect(r.events).toBe(r.clocks);
    expect(r.flagged).toBe(ids.length);
  }, 120_000);

  it('a calendar edit recomputing open clocks while 40 tickets are answered and resolved and two sweeps run: every request succeeds', async () => {
    t.clock.set('2026-11-20T02:00:00.000Z');
    // General repairs: replies are late (breaches), resolution stays open on cn-workdays (recomputed).
    const ids = await importOverdue(40, { priority: 'general' });
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20300101',
      'DTEND;VALUE=DATE:20300102',
      'SUMMARY:元旦',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const work = Promise.all([
      ...ids.map(async (id) => {
        const reply = await t.as('agent', { method: 'POST', url: `/api/v1/tickets/${id}/events`, payload: { type: 'public_reply', body: '已收到' } });
        // Resolving stops the resolution clock the recompute is changing.
        const moved = await t.as('engineer', { method: 'POST', url: `/api/v1/tickets/${id}/transitions`, payload: { to: 'in_progress' } });
        const resolved = await t.as('engineer', {
          method: 'POST',
          url: `/api/v1/tickets/${id}/transitions`,
          payload: { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换电源模块' } },
        });
        return [`reply ${reply.statusCode}`, `in_progress ${moved.statusCode}`, `resolved ${resolved.statusCode}`];
      }),
      (async () => {
        const edits = [];
        for (let i = 0; i < 3; i++) {
          const res = await t.as('admin', { method: 'POST', url: '/api/v1/sla/calendars/cn-workdays/import', payload: { format: 'ics', content: ics } });
          edits.push(`calendar ${res.statusCode}`);
        }
        return edits;
      })(),
    ]);
    const sweeps = await Promise.all([sweepWhile(t.ctx, work), sweepWhile(t.ctx, work)]);
    expect((await work).flat().filter((s) => !/ 20[01]$/.test(s))).toEqual([]);
    expect(sweeps.flat()).toEqual([]);
    await drainSweeps(t.ctx);
    const r = await breachRecords(ids);
    expect(r.clocks).toBeGreaterThanOrEqual(ids.length * 2);
    expect(r.notOnce).toEqual([]);
    expect(r.events).toBe(r.clocks);
  }, 120_000);
});

describe.skipIf(!onPostgres)('two server processes writing and sweeping one PostgreSQL database (needs a server: PGlite is single-process)', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it('replies, transitions and both processes’ sweeps never deadlock, and record each breach once', async () => {
    // The child processes sweep on the real clock; tickets arrive three days before it.
    t.clock.set(new Date().toISOString());
    await t.refreshSessions();
    const url = testDatabaseUrl(t.ctx.database)!;
    servers.push(...(await Promise.all([startServerProcess(url, t.ctx.dataDir), startServerProcess(url, t.ctx.dataDir)])));
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const call = (server: ServerProcess, role: 'admin' | 'agent' | 'engineer', method: string, path: string, body: unknown) =>
      fetch(`${server.url}/api/v1${path}`, { method, headers: { cookie: t.cookies[role], 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const ids: string[] = [];
    const inFlight: Promise<number[]>[] = [];
    // Rounds overlap: the next import lands while the last round's replies and the sweeps still run.
    for (let round = 0; round < 4; round++) {
      const batch = await importOverdue(10, { priority: 'urgent' }, (payload) =>
        call(round % 2 ? b : a, 'admin', 'POST', '/tickets/import', payload).then((r) => ({ statusCode: r.status, json: () => r.json() })),
      );
      ids.push(...batch);
      for (const id of batch) {
        inFlight.push(
          Promise.all([
            call(a, 'agent', 'POST', `/tickets/${id}/events`, { type: 'public_reply', body: '已收到' }).then((r) => r.status),
            call(b, 'agent', 'POST', `/tickets/${id}/events`, { type: 'progress_update', body: '正在排查' }).then((r) => r.status),
            (async () => {
              const first = await call(b, 'engineer', 'POST', `/tickets/${id}/transitions`, { to: 'in_progress' });
              const second = await call(a, 'engineer', 'POST', `/tickets/${id}/transitions`, { to: 'waiting_parts', part: { name: '电源模块' } });
              return first.status === 200 ? second.status : first.status;
            })(),
          ]),
        );
      }
    }
    const all = Promise.all(inFlight);
    const sweeps = await sweepWhile(t.ctx, all);
    const statuses = (await all).flat();
    expect(statuses.filter((s) => s >= 300)).toEqual([]);
    expect(sweeps).toEqual([]);
    for (const s of servers) expect(s.output()).not.toMatch(/40P01|deadlock/);

    // Whatever is still overdue is swept here, on the test's clock, and must not be recorded twice.
    t.clock.set(new Date().toISOString());
    await drainSweeps(t.ctx);
    const r = await breachRecords(ids);
    expect(r.clocks).toBeGreaterThanOrEqual(ids.length * 3);
    expect(r.notOnce).toEqual([]);
    expect(r.events).toBe(r.clocks);
    expect(r.flagged).toBe(ids.length);
  }, 180_000);
});

describe.skipIf(!onPostgres)('the demo company on a fresh PostgreSQL database (needs a server: PGlite is single-process)', () => {
  it('seeds completely while the server’s own sweeps and another process’s sweeps run', async () => {
    const { database, drop } = await freshDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'shouhou-demo-'));
    let server: ServerProcess | null = null;
    try {
      // A second process sweeping on the same real clock, as with two servers sharing the database.
      const ctx = createContext(database, { dataDir, maxAttachmentBytes: 1024 * 1024 });
      const starting = startServerProcess(testDatabaseUrl(database)!, dataDir, { SHOUHOU_DEMO: '1' }, 420_000);
      const sweeps = sweepWhile(
        ctx,
        starting.catch(() => undefined),
      );
      // The server answers only once the demo is seeded; a deadlock would have ended the process.
      server = await starting;
      expect(await sweeps).toEqual([]);
      expect(server.output()).not.toMatch(/40P01|deadlock/);
      const [row] = (await database.exec(`select count(*)::int as n, count(*) filter (where status = 'closed')::int as closed from tickets`)).rows as {
        n: number;
        closed: number;
      }[];
      // 200 service-desk tickets, then the tickets behind the demo's returns, complaints and visits.
      expect(row!.n).toBeGreaterThan(200);
      expect(row!.closed).toBeGreaterThan(0);
      const [rmas] = (await database.exec(`select count(*)::int as n from rma_orders`)).rows as { n: number }[];
      expect(rmas!.n).toBeGreaterThan(0);
    } finally {
      await server?.stop();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 480_000); // the demo seed alone takes ~1–2 min; two test files run beside it
});
