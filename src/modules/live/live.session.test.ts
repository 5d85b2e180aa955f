import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { makeCustomer } from '../../../test/factories';
import { buildApp } from '../../http/app';

// The live stream is one long request: it must end when the session that opened it ends.
// inject() does not stream, so these tests listen on a real port.
let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await createTestApp();
  customerId = (await makeCustomer(t)).id;
});
afterAll(async () => t?.close());

interface Stream {
  text(): string;
  /** Resolves once the received text matches, or rejects if the stream ends first. */
  until(pattern: RegExp): Promise<void>;
  ended: Promise<void>;
  close(): void;
}

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

function openStream(port: number, headers: Record<string, string>): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/live', headers }, (res) => {
      expect(res.statusCode).toBe(200);
      res.setEncoding('utf8');
      let text = '';
      let done = false;
      const waiters: { pattern: RegExp; ok: () => void; fail: (e: Error) => void }[] = [];
      const settle = () => {
        for (const w of [...waiters]) {
          if (w.pattern.test(text)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.ok();
          } else if (done) {
            waiters.splice(waiters.indexOf(w), 1);
            w.fail(new Error(`stream ended before ${w.pattern}: ${text}`));
          }
        }
      };
      const ended = new Promise<void>((ok) =>
        res.on('close', () => {
          done = true;
          settle();
          ok();
        }),
      );
      res.on('data', (chunk: string) => {
        text += chunk;
        settle();
      });
      resolve({
        text: () => text,
        until: (pattern) =>
          new Promise<void>((ok, fail) => {
            waiters.push({ pattern, ok, fail });
            settle();
          }),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

const createTicket = async () => {
  const res = await t.as('agent', {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: { channel: 'phone', requestType: 'repair', description: '实时推送测试', customerId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
};

describe('an open live stream', () => {
  it('closes at the first event after its session logged out, and delivers nothing more', async () => {
    // The periodic re-check is far off: only the check made for the event can end the stream.
    const app = await buildApp(t.ctx, { liveSessionCheckMs: 3_600_000 });
    try {
      const port = await listen(app);
      const viewer = await t.addUser('live-viewer', 'agent');
      const stream = await openStream(port, { cookie: viewer.cookie });
      await stream.until(/: subscribed/);

      const first = await createTicket();
      await stream.until(new RegExp(first.id));

      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: viewer.cookie } });
      expect(out.statusCode).toBe(204);
      const second = await createTicket();
      await stream.ended;
      expect(stream.text()).toContain(first.id);
      expect(stream.text()).not.toContain(second.id);
      expect(stream.text().match(/event: ticket/g)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('closes without any event once its user is deactivated (periodic re-check)', async () => {
    const app = await buildApp(t.ctx, { liveSessionCheckMs: 50 });
    try {
      const port = await listen(app);
      const viewer = await t.addUser('live-leaver', 'engineer');
      const stream = await openStream(port, { cookie: viewer.cookie });
      await stream.until(/: subscribed/);
      const res = await t.as('admin', { method: 'PATCH', url: `/api/v1/users/${viewer.id}`, payload: { active: false } });
      expect(res.statusCode).toBe(200);
      await stream.ended;
      expect(stream.text()).not.toContain('event: ticket');
    } finally {
      await app.close();
    }
  });

  it('closes once its API token is revoked', async () => {
    const app = await buildApp(t.ctx, { liveSessionCheckMs: 3_600_000 });
    try {
      const port = await listen(app);
      const created = await t.as('admin', { method: 'POST', url: `/api/v1/users/${t.users.logistics.id}/api-tokens`, payload: { name: '看板' } });
      const { id, token } = created.json();
      const stream = await openStream(port, { authorization: `Bearer ${token}` });
      await stream.until(/: subscribed/);
      await t.as('admin', { method: 'DELETE', url: `/api/v1/users/${t.users.logistics.id}/api-tokens/${id}` });
      const ticket = await createTicket();
      await stream.ended;
      expect(stream.text()).not.toContain(ticket.id);
    } finally {
      await app.close();
    }
  });

  it('stays open and delivers while the session is valid', async () => {
    const app = await buildApp(t.ctx, { liveSessionCheckMs: 50 });
    try {
      const port = await listen(app);
      const stream = await openStream(port, { cookie: t.cookies.quality });
      await stream.until(/: subscribed/);
      // Several periodic checks pass before and between these events.
      const a = await createTicket();
      await stream.until(new RegExp(a.id));
      const b = await createTicket();
      await stream.until(new RegExp(b.id));
      stream.close();
      await stream.ended;
    } finally {
      await app.close();
    }
  });
});
