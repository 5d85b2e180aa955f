import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { nodeArgsFor } from '../bench/lib/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app';
import { testDatabaseUrl } from './helpers/database';
import { makeCustomer, makeTicket } from './factories';

// Two real server processes share one PostgreSQL database; both run the breach detector at once.
// Every breach must be recorded exactly once (FOR UPDATE SKIP LOCKED claims).
const onPostgres = process.env.SHOUHOU_TEST_DB === 'postgres';

let t: TestApp;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(url: string, dataDir: string): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, nodeArgsFor('main'), {
    env: {
      ...process.env,
      DATABASE_URL: url,
      SHOUHOU_DATA_DIR: dataDir,
      SHOUHOU_DEMO: '0',
      SHOUHOU_ADMIN_PASSWORD: 'two-process-1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

describe.runIf(onPostgres)('breach detection with two server processes on one PostgreSQL', () => {
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await t?.close();
  });

  it('records each breach exactly once', async () => {
    // Tickets received an hour ago (real time): their 10-minute and 30-minute clocks are overdue.
    t.clock.set(new Date(Date.now() - 60 * 60_000).toISOString());
    await t.refreshSessions();
    const customer = await makeCustomer(t);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await makeTicket(t, { customerId: customer.id, channel: 'email', priority: 'urgent', priorityReason: '停产' })).id);

    const url = testDatabaseUrl(t.ctx.database)!;
    await Promise.all([startServer(url, t.ctx.dataDir), startServer(url, t.ctx.dataDir)]);

    const count = async () =>
      (await t.ctx.database.exec(`select subject_id, data->>'target' as target, count(*)::int as n from events where type = 'sla_breached' group by 1, 2`))
        .rows as { n: number }[];
    let rows = await count();
    for (let i = 0; i < 100 && rows.length < ids.length * 3; i++) {
      await new Promise((r) => setTimeout(r, 200));
      rows = await count();
    }
    // acknowledge, firstResponse and progressUpdate of every ticket: once each.
    expect(rows.length).toBe(ids.length * 3);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const notes = await t.ctx.database.exec(
      `select count(*)::int as n, count(distinct (user_id, dedupe_key))::int as d from notifications where kind = 'sla_breached'`,
    );
    expect(notes.rows[0]!.n).toBe(notes.rows[0]!.d);
  }, 90_000);
});
