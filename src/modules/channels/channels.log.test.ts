import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app';
import { deliverOutbox } from '../../jobs/outbox';
import { makeTicket } from '../../../test/factories';
import { createTestApp, PASSWORD, type TestApp } from '../../../test/helpers/app';
import { GATEWAY_KEYS, startFakeGateways, type FakeGateways } from '../../../test/helpers/channel-servers';

// Like test/log-redaction.test.ts, for the channels: a run that saves gateway credentials, robot
// keys and webhook secrets, sends, fails and is refused leaves none of them in the log.
let t: TestApp;
let app: FastifyInstance;
let gw: FakeGateways;
let log = '';
beforeAll(async () => {
  process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK = '1';
  t = await createTestApp();
  gw = await startFakeGateways(() => t.clock.now());
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      log += chunk.toString('utf8');
      done();
    },
  });
  app = await buildApp(t.ctx, { logger: { stream, level: 'debug' } });
});
afterAll(async () => {
  delete process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK;
  await app?.close();
  await gw?.close();
  await t?.close();
});

describe('the log of a run with channels', () => {
  it('holds no gateway secret, robot key, signing secret or webhook secret', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const cookie = `shouhou_session=${login.cookies.find((c) => c.name === 'shouhou_session')!.value}`;
    const call = (method: string, url: string, payload?: unknown) =>
      app.inject({ method: method as 'POST', url, payload: payload as object, headers: { cookie } });

    const sms = {
      provider: 'aliyun',
      accessKeyId: GATEWAY_KEYS.aliyun.id,
      accessKeySecret: GATEWAY_KEYS.aliyun.secret,
      signName: '售后',
      templateCode: 'SMS_1',
      templateNotice: 'SMS_2',
      enabled: true,
    };
    expect((await call('PUT', '/api/v1/channels/sms/settings', { ...sms, endpoint: `${gw.url}/aliyun/` })).statusCode).toBe(200);
    // Refused: an address and a secret in the same request body.
    expect((await call('PUT', '/api/v1/channels/sms/settings', { ...sms, endpoint: 'http://169.254.169.254/' })).statusCode).toBe(400);
    expect((await call('POST', '/api/v1/channels/sms/test', { phone: '13812345678' })).json().ok).toBe(true);

    const robotUrl = `${gw.url}/dingtalk/robot/send?access_token=${GATEWAY_KEYS.dingtalk.token}`;
    const robot = await call('POST', '/api/v1/channels/robots', {
      platform: 'dingtalk',
      name: '钉钉',
      webhookUrl: robotUrl,
      secret: GATEWAY_KEYS.dingtalk.secret,
      events: ['ticket_urgent'],
      enabled: true,
    });
    expect(robot.statusCode).toBe(201);
    expect((await call('POST', `/api/v1/channels/robots/${robot.json().id}/test`)).json().ok).toBe(true);
    // A robot whose platform refuses (wrong key): the failure is recorded without the address.
    const bad = await call('POST', '/api/v1/channels/robots', {
      platform: 'wecom',
      name: '企微',
      webhookUrl: `${gw.url}/wecom/cgi-bin/webhook/send?key=${GATEWAY_KEYS.wecomKey}-x`,
      events: [],
      enabled: true,
    });
    expect((await call('POST', `/api/v1/channels/robots/${bad.json().id}/test`)).json().ok).toBe(false);

    const hook = await call('POST', '/api/v1/webhooks', { name: 'erp', url: `${gw.url}/hook/erp`, events: ['ticket.created'] });
    const secret = hook.json().secret as string;
    gw.queueStatuses('erp', 500);
    await makeTicket(t, { priority: 'urgent', priorityReason: '停机' });
    for (let i = 0; i < 10 && (await deliverOutbox(t.ctx, t.modules.outbox)) > 0; i++);

    const stored = JSON.stringify((await t.ctx.database.exec('select last_error, payload from outbox')).rows);
    for (const s of [GATEWAY_KEYS.aliyun.secret, GATEWAY_KEYS.dingtalk.token, GATEWAY_KEYS.dingtalk.secret, GATEWAY_KEYS.wecomKey, secret]) {
      expect(log, s).not.toContain(s);
      expect(stored, s).not.toContain(s);
    }
    expect(log).toContain('/api/v1/channels/robots');
  });
});
