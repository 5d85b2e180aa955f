import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app';
import { redactError, redactUrl } from '../src/http/log-redaction';
import { makeCustomer } from './factories';
import { createTestApp, PASSWORD, type TestApp } from './helpers/app';

// A run's log, captured and searched: what operators keep must not hold a phone number, a password
// or a password hash — not from query strings, and not from database errors and their parameters.
let t: TestApp;
let app: FastifyInstance;
let log = '';
beforeAll(async () => {
  t = await createTestApp();
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      log += chunk.toString('utf8');
      done();
    },
  });
  app = await buildApp(t.ctx, { logger: { stream, level: 'info' } });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the log of a run', () => {
  it('holds no phone number, password or password hash after log-ins, lookups and a database error', async () => {
    await makeCustomer(t, { contacts: [{ name: '王五', phone: '13812345678', email: 'wang.wu@example.com' }] });
    const wrong = 'not-my-password-42';
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'agent', password: wrong } })).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    const cookie = `shouhou_session=${login.cookies.find((c) => c.name === 'shouhou_session')!.value}`;

    const lookup = await app.inject({ method: 'GET', url: '/api/v1/customers?phone=13812345678&email=wang.wu%40example.com&limit=5', headers: { cookie } });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json().total).toBe(1);

    // A constraint the insert breaks: the driver's error carries every parameter of the statement,
    // the new user's scrypt hash among them, and PostgreSQL's detail quotes the failing row.
    await t.ctx.database.exec(`alter table users add constraint log_test_no_boom check (display_name <> 'Boom')`);
    const newPassword = 'plum-orbit-cascade-7';
    const failed = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie },
      payload: { username: 'boomer', password: newPassword, role: 'agent', displayName: 'Boom' },
    });
    expect(failed.statusCode).toBe(500);
    expect(failed.json().error).toMatchObject({ code: 'internal', requestId: expect.any(String) });

    for (const secret of ['13812345678', 'wang.wu', 'scrypt$', PASSWORD, wrong, newPassword]) expect(log, secret).not.toContain(secret);
    const hashes = await t.ctx.database.exec(`select password_hash from users`);
    for (const r of hashes.rows) expect(log).not.toContain(String(r.password_hash).split('$').at(-1));
    // …and still says what happened.
    expect(log).toContain('unhandled error');
    expect(log).toContain('log_test_no_boom');
    expect(log).toContain('/api/v1/customers?phone=~&email=~&limit=~');
  });
});

describe('redaction', () => {
  it('replaces every query value and keeps the path', () => {
    expect(redactUrl('/api/v1/customers?phone=138&q=%E5%BC%A0')).toBe('/api/v1/customers?phone=~&q=~');
    expect(redactUrl('/api/v1/tickets/abc')).toBe('/api/v1/tickets/abc');
  });

  it('drops driver parameters and details and the values PostgreSQL quotes in its messages', () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "13812345678"'), {
      code: '22P02',
      detail: 'Key (phone)=(13812345678)',
      params: ['13812345678'],
    });
    const err = Object.assign(new Error('Failed query: select 1 where a = $1\nparams: 13812345678,scrypt$32768$8$1$abc$def'), {
      params: ['13812345678'],
      cause,
    });
    const out = JSON.stringify(redactError(err));
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('scrypt$');
    expect(out).toContain('Failed query: select 1 where a = $1');
    expect(out).toContain('22P02');
  });
});
