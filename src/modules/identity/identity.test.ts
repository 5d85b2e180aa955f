import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../../test/helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 5 });
});
afterAll(async () => t?.close());

describe('log-in', () => {
  it('sets an httpOnly SameSite=Lax session cookie and /me answers who is logged in', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'agent', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'shouhou_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `shouhou_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ username: 'agent', role: 'agent' });
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `shouhou_session=${cookie.value}` } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `shouhou_session=${cookie.value}` } });
    expect(after.statusCode).toBe(401);
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    const rows = await t.ctx.database.exec(`select password_hash from users where username = 'agent'`);
    expect(String(rows.rows[0]!.password_hash)).toMatch(/^scrypt\$/);
    expect(String(rows.rows[0]!.password_hash)).not.toContain(PASSWORD);
  });

  it('rejects a wrong password and rate-limits repeated attempts', async () => {
    const attempt = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'engineer', password: 'wrong-password' } });
    const first = await attempt();
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('invalid_credentials');
    let limited = 0;
    for (let i = 0; i < 8; i++) if ((await attempt()).statusCode === 429) limited++;
    expect(limited).toBeGreaterThan(0);
  });

  it('authenticates integrations with bearer API tokens shown once', async () => {
    const created = await t.as('admin', { method: 'POST', url: `/api/v1/users/${t.users.agent.id}/api-tokens`, payload: { name: 'ERP 集成' } });
    expect(created.statusCode).toBe(201);
    const { token } = created.json();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().username).toBe('agent');
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: 'Bearer nope' } });
    expect(bad.statusCode).toBe(401);
    const stored = await t.ctx.database.exec('select token_hash from api_tokens');
    expect(JSON.stringify(stored.rows)).not.toContain(token);
  });

  it('a deactivated user can no longer log in', async () => {
    const u = await t.addUser('leaver', 'agent');
    await t.as('admin', { method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { active: false } });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'leaver', password: PASSWORD } });
    expect(res.statusCode).toBe(401);
  });
});
