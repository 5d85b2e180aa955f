import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredAccess, type Access } from '../src/http/auth';
import { ROLES, type Role } from '../src/domain/identity/roles';
import { createTestApp, type TestApp } from './helpers/app';

// The security matrix, generated from the route table every /api/v1 route must enter (a route that
// declares no access refuses to start): every route × every role and an anonymous caller. A route
// added tomorrow is in the matrix without anyone editing this file.
let t: TestApp;
let base = '';
beforeAll(async () => {
  t = await createTestApp();
  // Over a real socket, so a streaming route (/live) answers with its status line and is then dropped.
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(async () => t?.close());

// Path parameters are filled with ids that exist in no table: a refused caller must be stopped
// before the handler runs; an allowed one gets past the guard and must get a clean 2xx/4xx.
const fill = (url: string) =>
  url
    .replace(':subjectType', 'ticket')
    .replace(':serialNumber', 'SN-NONE')
    .replace(':key', 'no-such-policy')
    .replace(':year', '2027')
    .replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');

type Caller = Role | 'anonymous';
// 'portal' routes open only with a customer's portal cookie: every staff caller and anonymous get 401.
const allowed = (access: Access, who: Caller) =>
  access === 'public' || (who !== 'anonymous' && access !== 'portal' && (access === 'any' || access.includes(who)));

async function call(who: Caller, method: string, url: string): Promise<{ status: number; code?: string }> {
  const withBody = method !== 'GET' && method !== 'DELETE';
  const res = await fetch(base + url, {
    method,
    headers: { ...(who === 'anonymous' ? {} : { cookie: t.cookies[who] }), ...(withBody ? { 'content-type': 'application/json' } : {}) },
    body: withBody ? '{}' : undefined,
  });
  if (!res.headers.get('content-type')?.includes('application/json')) {
    await res.body?.cancel();
    return { status: res.status };
  }
  const json = (await res.json()) as { error?: { code?: string } };
  return { status: res.status, code: json.error?.code };
}

describe('security matrix: every route × every role and anonymous', () => {
  it('every route is in the table', () => {
    expect(new Set(registeredAccess.map((r) => `${r.method} ${r.url}`)).size).toBeGreaterThan(50);
  });

  // One test per caller: the matrix grows with every route (~170 routes × 8 callers), so each part
  // gets its own time budget instead of one timeout for all of it.
  it.each([...ROLES, 'anonymous'] as Caller[])(
    '%s: allowed routes pass the guard without a 5xx; others get 403 (401 when anonymous)',
    async (who) => {
      const routes = [...new Map(registeredAccess.map((r) => [`${r.method} ${r.url}`, r])).values()];
      // Log-out ends the caller's session: run it last, then log in again.
      routes.sort((a, b) => Number(a.url.endsWith('/auth/logout')) - Number(b.url.endsWith('/auth/logout')));
      const failures: string[] = [];
      let checked = 0;
      for (const r of routes) {
        const res = await call(who, r.method, fill(r.url));
        checked++;
        const where = `${who} ${r.method} ${r.url} → ${res.status} ${res.code ?? ''}`;
        if (allowed(r.access, who)) {
          if (res.status === 401 || res.status === 403 || res.status >= 500) failures.push(`allowed but ${where}`);
        } else if (who === 'anonymous' || r.access === 'portal') {
          if (res.status !== 401 || res.code !== 'unauthenticated') failures.push(`expected 401: ${where}`);
        } else if (res.status !== 403 || res.code !== 'forbidden') failures.push(`expected 403: ${where}`);
      }
      await t.refreshSessions();
      expect(failures).toEqual([]);
      expect(checked).toBe(routes.length);
    },
    120_000,
  );

  it('only admins create users', async () => {
    const payload = { username: 'newagent', password: 'long-enough-1', role: 'agent', displayName: '新客服' };
    expect((await t.as('manager', { method: 'POST', url: '/api/v1/users', payload })).statusCode).toBe(403);
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/users', payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('passwordHash');
    const dup = await t.as('admin', { method: 'POST', url: '/api/v1/users', payload });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.issues[0].path).toBe('username');
  });
});
