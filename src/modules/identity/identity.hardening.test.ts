import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../../test/helpers/app';
import { buildApp } from '../../http/app';
import { DEMO_PASSWORD } from '../../seed/demo-data';
import { addressKey } from './login-throttle';

// Passwords, log-in throttling across user names and processes, API token lifecycle.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const newUser = (username: string, password: string) =>
  t.as('admin', { method: 'POST', url: '/api/v1/users', payload: { username, password, role: 'agent', displayName: username } });

describe('setting a password', () => {
  it('refuses fewer than 10 characters on the field, in the caller’s language', async () => {
    const res = await newUser('shorty', 'abc-12345');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', requestId: expect.any(String) });
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.password');
  });

  it('refuses common passwords, also with digits or symbols added, and says why in zh-CN and en', async () => {
    for (const pw of ['password123', '1234567890', 'qwertyuiop', 'Dragon2024!', 'woaini1314', 'aaaaaaaaaaaa']) {
      const res = await newUser('commoner', pw);
      expect(res.statusCode, pw).toBe(400);
      expect(res.json().error.issues, pw).toEqual([expect.objectContaining({ path: 'password', code: 'too_common' })]);
      expect(res.json().error.message).toContain('密码过于常见');
    }
    const en = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/users',
      headers: { 'accept-language': 'en' },
      payload: { username: 'commoner', password: 'iloveyou123', role: 'agent', displayName: 'x' },
    });
    expect(en.json().error.message).toMatch(/too common/);
    // Nothing was created.
    const users = (await t.as('admin', { method: 'GET', url: '/api/v1/users' })).json().items as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain('commoner');
  });

  it('applies the same rule when an admin changes a password', async () => {
    const u = await newUser('changer', 'violet-kettle-47');
    expect(u.statusCode, u.body).toBe(201);
    const res = await t.as('admin', { method: 'PATCH', url: `/api/v1/users/${u.json().id}`, payload: { password: 'football2020' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0]).toMatchObject({ path: 'password', code: 'too_common' });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'changer', password: 'violet-kettle-47' } });
    expect(login.statusCode).toBe(200);
  });

  it('accepts the demo password and the suite’s password (neither is common)', async () => {
    expect((await newUser('demo-like', DEMO_PASSWORD)).statusCode).toBe(201);
    expect((await newUser('suite-like', PASSWORD)).statusCode).toBe(201);
  });
});

describe('log-in throttling', () => {
  let second: FastifyInstance;
  beforeAll(async () => {
    // A second server on the same database: counters must be shared, as between processes.
    second = await buildApp(t.ctx, { loginRateLimit: 1000, loginFailuresPerAddress: 4 });
  });
  afterAll(async () => second?.close());

  const attempt = (app: FastifyInstance, address: string, username: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: address, payload: { username, password } });

  it('counts failures per address across user names and processes; then even a right password gets 429', async () => {
    const other = await buildApp(t.ctx, { loginRateLimit: 1000, loginFailuresPerAddress: 4 });
    try {
      const addr = '203.0.113.7';
      // One guess tried against four different accounts, spread over two server instances.
      expect((await attempt(second, addr, 'agent', 'Summer2026!')).statusCode).toBe(401);
      expect((await attempt(other, addr, 'engineer', 'Summer2026!')).statusCode).toBe(401);
      expect((await attempt(second, addr, 'finance', 'Summer2026!')).statusCode).toBe(401);
      expect((await attempt(other, addr, 'no-such-user', 'Summer2026!')).statusCode).toBe(401);
      const blocked = await attempt(second, addr, 'quality', PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error).toMatchObject({ code: 'rate_limited', message: expect.any(String), requestId: expect.any(String) });
      expect(blocked.cookies.find((c) => c.name === 'shouhou_session')).toBeUndefined();
      // Another address is not affected, and right passwords do not use up the budget.
      for (let i = 0; i < 6; i++) expect((await attempt(second, '198.51.100.9', 'quality', PASSWORD)).statusCode).toBe(200);
      // The window passes.
      t.clock.advance(15 * 60_000);
      expect((await attempt(other, addr, 'quality', PASSWORD)).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('keys IPv6 callers by their /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('API tokens', () => {
  const bearer = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  const create = (payload: object) => t.as('admin', { method: 'POST', url: `/api/v1/users/${t.users.logistics.id}/api-tokens`, payload });
  const list = async () =>
    (await t.as('admin', { method: 'GET', url: `/api/v1/users/${t.users.logistics.id}/api-tokens` })).json().items as Record<string, unknown>[];

  it('are listed without their secret, and revoked ones answer 401', async () => {
    const created = await create({ name: 'WMS 仓储' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    expect((await bearer(token)).statusCode).toBe(200);
    const items = await list();
    expect(items.find((x) => x.id === id)).toMatchObject({ name: 'WMS 仓储', state: 'active', expiresAt: null, revokedAt: null });
    expect(JSON.stringify(items)).not.toContain(token);
    expect(JSON.stringify(items)).not.toContain(token.slice(4, 20));

    const revoked = await t.as('admin', { method: 'DELETE', url: `/api/v1/users/${t.users.logistics.id}/api-tokens/${id}` });
    expect(revoked.statusCode).toBe(204);
    const after = await bearer(token);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await list()).find((x) => x.id === id)).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    // Again: nothing more to do.
    expect((await t.as('admin', { method: 'DELETE', url: `/api/v1/users/${t.users.logistics.id}/api-tokens/${id}` })).statusCode).toBe(204);
    // A token of another user is not found under this one.
    expect((await t.as('admin', { method: 'DELETE', url: `/api/v1/users/${t.users.agent.id}/api-tokens/${id}` })).statusCode).toBe(404);
    // Only admins manage tokens.
    expect((await t.as('manager', { method: 'GET', url: `/api/v1/users/${t.users.logistics.id}/api-tokens` })).statusCode).toBe(403);
  });

  it('stop working at their expiry', async () => {
    const expiresAt = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const created = await create({ name: '临时对账', expiresAt });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().expiresAt).toBe(expiresAt);
    const { id, token } = created.json();
    expect((await bearer(token)).statusCode).toBe(200);
    t.clock.advance(3_600_000);
    expect((await bearer(token)).statusCode).toBe(401);
    expect((await list()).find((x) => x.id === id)).toMatchObject({ state: 'expired', expiresAt });
  });

  it('refuses an expiry in the past', async () => {
    const res = await create({ name: 'x', expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0]).toMatchObject({ path: 'expiresAt' });
  });
});
