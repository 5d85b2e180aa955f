import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEB_DIST } from '../src/http/web';
import { createTestApp, type TestApp } from './helpers/app';

// Every response carries the browser's defences: a CSP without inline script that forbids framing,
// X-Frame-Options, nosniff, a referrer policy and a permissions policy — the web app, the API docs
// and their assets, API answers, errors, and the live stream (which writes its own head).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

function expectSecurityHeaders(headers: Record<string, unknown>, what: string) {
  const csp = String(headers['content-security-policy'] ?? '');
  expect(csp, `${what}: Content-Security-Policy`).not.toBe('');
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get('script-src'), `${what}: script-src`).toEqual(["'self'"]);
  expect(directives.get('script-src-attr')).toEqual(["'none'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(headers['x-frame-options'], `${what}: X-Frame-Options`).toBe('DENY');
  expect(headers['x-content-type-options'], `${what}: X-Content-Type-Options`).toBe('nosniff');
  expect(headers['referrer-policy'], `${what}: Referrer-Policy`).toBe('no-referrer');
  const permissions = String(headers['permissions-policy'] ?? '');
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
    expect(permissions, `${what}: Permissions-Policy`).toContain(`${feature}=()`);
}

describe('security headers', () => {
  it('are on the web app, the API docs and their assets', async () => {
    // The web app when it is built; otherwise the same path answers 404, with the same headers.
    const home = await t.as('anonymous', { method: 'GET', url: '/' });
    expectSecurityHeaders(home.headers, 'GET /');
    const docs = await t.as('anonymous', { method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expectSecurityHeaders(docs.headers, 'GET /api/docs/');
    // swagger-ui runs under the policy: every script it loads is a file from this origin.
    const scripts = [...docs.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs, 'inline script in /api/docs').toMatch(/src="/);
    for (const asset of ['/api/docs/static/swagger-ui-bundle.js', '/api/docs/static/swagger-initializer.js']) {
      const res = await t.as('anonymous', { method: 'GET', url: asset });
      expect(res.statusCode, asset).toBe(200);
      expectSecurityHeaders(res.headers, asset);
    }
  });

  it('are on API answers and errors', async () => {
    const checks: [string, number][] = [
      ['/api/v1/health', 200],
      ['/api/v1/openapi.json', 200],
      ['/api/v1/tickets', 401],
      ['/api/v1/no-such-route', 404],
      // answered by Fastify before routing (and before any hook)
      ['/api/v1/tickets/%E0%A4%A', 400],
    ];
    for (const [url, status] of checks) {
      const res = await t.as('anonymous', { method: 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expectSecurityHeaders(res.headers, url);
    }
    const list = await t.as('agent', { method: 'GET', url: '/api/v1/tickets' });
    expect(list.statusCode).toBe(200);
    expectSecurityHeaders(list.headers, 'GET /api/v1/tickets as agent');
    const bad = await t.as('agent', { method: 'POST', url: '/api/v1/tickets', payload: { channel: 'nope' } });
    expect(bad.statusCode).toBe(400);
    expectSecurityHeaders(bad.headers, 'POST /api/v1/tickets 400');
  });

  it('are on the live stream, which writes its own response head', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const ac = new AbortController();
    const res = await fetch(`${address}/api/v1/live`, { headers: { cookie: t.cookies.agent }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expectSecurityHeaders(Object.fromEntries(res.headers), 'GET /api/v1/live');
    ac.abort();
  });

  it.runIf(existsSync(join(DEFAULT_WEB_DIST, 'index.html')))('leave the built web app runnable: no inline script in index.html', () => {
    const html = readFileSync(join(DEFAULT_WEB_DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs, 'inline script in web/dist/index.html').toMatch(/src="/);
  });
});
