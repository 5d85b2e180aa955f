import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredAccess } from '../src/http/auth';
import type { Role } from '../src/modules/identity/identity.tables';
import { ROLES } from '../src/modules/identity/identity.tables';
import { createTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

// Path parameters are filled with ids that exist in no table: a refused role must get 403 before
// the handler runs, an allowed one gets past the guard (any status but 401/403).
const fill = (url: string) =>
  url
    .replace(':subjectType', 'ticket')
    .replace(':serialNumber', 'SN-NONE')
    .replace(/:id|:subjectId/g, '00000000-0000-4000-8000-000000000000');

describe('every route declares its roles and refuses the others', () => {
  it('has routes registered', () => {
    expect(registeredAccess.length).toBeGreaterThan(30);
  });

  it('refuses anonymous callers on every non-public route with 401', async () => {
    for (const r of registeredAccess.filter((x) => x.access !== 'public')) {
      const res = await t.as('anonymous', { method: r.method, url: fill(r.url) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  it('refuses each role that a route does not list with 403, and lets listed roles through', async () => {
    const seen = new Set<string>();
    for (const r of registeredAccess) {
      if (r.access === 'public' || r.access === 'any') continue;
      const key = `${r.method} ${r.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const role of ROLES as readonly Role[]) {
        const res = await t.as(role, { method: r.method, url: fill(r.url), payload: r.method === 'GET' ? undefined : {} });
        if (r.access.includes(role)) expect([401, 403], `${role} ${key} should pass the guard`).not.toContain(res.statusCode);
        else {
          expect(res.statusCode, `${role} ${key}`).toBe(403);
          expect(res.json().error.code).toBe('forbidden');
        }
      }
    }
    expect(seen.size).toBeGreaterThan(20);
  });

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
