import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';

// 渠道配置变更记录: every admin change to the SMS gateway, robots, SMTP settings and webhook
// subscriptions is on the audit record (who, what changed), and no secret value ever is.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const CHAIN = '/api/v1/audit/channel_settings/00000000-0000-4000-8000-0000000c4a77';
type Ev = {
  type: string;
  actorName: string | null;
  data: { area: string; action: string; target: { name: string } | null; changes: { field: string; from: unknown; to: unknown }[]; secretsChanged: string[] };
};
const record = async () => (await t.as('admin', { method: 'GET', url: CHAIN })).json().items as Ev[];
const ok = async (p: ReturnType<TestApp['as']>, code = 200) => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(code);
  return res;
};

const SECRETS = ['AK-SECRET-5f1e9c', 'smtp-pass-77a1', 'WECOM-KEY-9d3b', 'DING-SIGN-SECRET-42'];
const sms = (over: Record<string, unknown> = {}) => ({
  provider: 'aliyun',
  accessKeyId: 'LTAI5tExample',
  accessKeySecret: SECRETS[0],
  signName: '售后服务',
  templateCode: 'SMS_100001',
  templateNotice: 'SMS_100002',
  enabled: true,
  ...over,
});

describe('channel settings changes are audited', () => {
  it('records who changed the SMS gateway and which fields, naming the secret without its value', async () => {
    await ok(t.as('admin', { method: 'PUT', url: '/api/v1/channels/sms/settings', payload: sms() }));
    await ok(
      t.as('admin', { method: 'PUT', url: '/api/v1/channels/sms/settings', payload: sms({ templateNotice: 'SMS_200002', accessKeySecret: undefined }) }),
    );
    const [created, changed] = (await record()).filter((e) => e.data.area === 'sms');
    expect(created).toMatchObject({ type: 'sms_settings_created', actorName: 'admin', data: { action: 'created', secretsChanged: ['accessKeySecret'] } });
    expect(changed).toMatchObject({
      type: 'sms_settings_updated',
      data: { changes: [{ field: 'templateNotice', from: 'SMS_100002', to: 'SMS_200002' }], secretsChanged: [] },
    });
    // Saving the same again records nothing.
    const before = (await record()).length;
    await ok(
      t.as('admin', { method: 'PUT', url: '/api/v1/channels/sms/settings', payload: sms({ templateNotice: 'SMS_200002', accessKeySecret: undefined }) }),
    );
    expect(await record()).toHaveLength(before);
  });

  it('records SMTP settings saved and cleared, never the password', async () => {
    const smtp = { host: 'smtp.exmail.qq.com', port: 465, secure: true, username: 'service@example.cn', fromAddress: '售后服务 <service@example.cn>' };
    await ok(t.as('admin', { method: 'PUT', url: '/api/v1/mail/settings', payload: { ...smtp, password: SECRETS[1] } }));
    await ok(t.as('admin', { method: 'PUT', url: '/api/v1/mail/settings', payload: { ...smtp, port: 587, secure: false } }));
    await ok(t.as('admin', { method: 'DELETE', url: '/api/v1/mail/settings' }));
    const mail = (await record()).filter((e) => e.data.area === 'mail');
    expect(mail.map((e) => e.type)).toEqual(['mail_settings_created', 'mail_settings_updated', 'mail_settings_cleared']);
    expect(mail[0]!.data.secretsChanged).toEqual(['password']);
    expect(mail[1]!.data.changes).toEqual([
      { field: 'port', from: 465, to: 587 },
      { field: 'secure', from: true, to: false },
    ]);
  });

  it('records robots and webhook subscriptions added, changed and removed, without their keys', async () => {
    const robot = await ok(
      t.as('admin', {
        method: 'POST',
        url: '/api/v1/channels/robots',
        payload: {
          team: '华东服务组',
          platform: 'wecom',
          name: '华东企微群',
          webhookUrl: `https://10.20.0.5/cgi-bin/webhook/send?key=${SECRETS[2]}`,
          events: ['sla_breached'],
          enabled: true,
        },
      }),
      201,
    );
    const robotId = robot.json().id as string;
    await ok(
      t.as('admin', {
        method: 'PUT',
        url: `/api/v1/channels/robots/${robotId}`,
        payload: { team: '华东服务组', platform: 'wecom', name: '华东企微群', secret: SECRETS[3], events: ['sla_breached', 'sla_warning'], enabled: false },
      }),
    );
    await ok(t.as('admin', { method: 'DELETE', url: `/api/v1/channels/robots/${robotId}` }), 204);

    const hook = await ok(
      t.as('admin', { method: 'POST', url: '/api/v1/webhooks', payload: { name: 'ERP', url: 'https://10.20.0.6/hooks/shouhou', events: ['ticket.created'] } }),
      201,
    );
    const { id: hookId, secret: hookSecret } = hook.json() as { id: string; secret: string };
    await ok(t.as('admin', { method: 'PATCH', url: `/api/v1/webhooks/${hookId}`, payload: { name: 'ERP 正式' } }));
    await ok(t.as('admin', { method: 'DELETE', url: `/api/v1/webhooks/${hookId}` }), 204);

    const all = await record();
    const robots = all.filter((e) => e.data.area === 'robot');
    expect(robots.map((e) => e.type)).toEqual(['robot_settings_created', 'robot_settings_updated', 'robot_settings_deleted']);
    expect(robots[0]!.data).toMatchObject({ target: { name: '华东企微群' }, secretsChanged: ['webhookUrl'] });
    expect(robots[1]!.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'events', from: ['sla_breached'], to: ['sla_breached', 'sla_warning'] },
        { field: 'enabled', from: true, to: false },
        { field: 'signed', from: false, to: true },
      ]),
    );
    expect(robots[1]!.data.secretsChanged).toEqual(['secret']);
    const hooks = all.filter((e) => e.data.area === 'webhook');
    expect(hooks.map((e) => e.type)).toEqual(['webhook_settings_created', 'webhook_settings_updated', 'webhook_settings_deleted']);
    expect(hooks[1]!.data.changes).toEqual([{ field: 'name', from: 'ERP', to: 'ERP 正式' }]);

    const everything = JSON.stringify(all);
    for (const s of [...SECRETS, hookSecret]) expect(everything).not.toContain(s);
  });

  it('shows the record to admins and managers only', async () => {
    expect((await t.as('agent', { method: 'GET', url: CHAIN })).statusCode).toBe(403);
    expect((await t.as('manager', { method: 'GET', url: CHAIN })).statusCode).toBe(200);
  });
});
