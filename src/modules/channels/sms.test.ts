import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../jobs/outbox';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { GATEWAY_KEYS, startFakeGateways, type FakeGateways } from '../../../test/helpers/channel-servers';
import { sendOneTimeCode, sendStatusNotice } from './sms.service';

// 短信网关: each adapter's request reaches a local stand-in that checks the signature as the provider
// documents it (test/helpers/channel-servers.ts); a wrong secret is refused there, as it would be.
let t: TestApp;
let gw: FakeGateways;
beforeAll(async () => {
  process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK = '1';
  t = await createTestApp();
  gw = await startFakeGateways(() => t.clock.now());
});
afterAll(async () => {
  delete process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK;
  await gw?.close();
  await t?.close();
});
beforeEach(() => {
  gw.received.length = 0;
});

const drain = async () => {
  for (let i = 0; i < 10 && (await deliverOutbox(t.ctx, t.modules.outbox)) > 0; i++);
};

const aliyun = (over: Record<string, unknown> = {}) => ({
  provider: 'aliyun',
  accessKeyId: GATEWAY_KEYS.aliyun.id,
  accessKeySecret: GATEWAY_KEYS.aliyun.secret,
  signName: '售后服务',
  templateCode: 'SMS_100001',
  templateNotice: 'SMS_100002',
  endpoint: `${gw.url}/aliyun/`,
  enabled: true,
  ...over,
});
const tencent = (over: Record<string, unknown> = {}) => ({
  provider: 'tencent',
  accessKeyId: GATEWAY_KEYS.tencent.id,
  accessKeySecret: GATEWAY_KEYS.tencent.secret,
  signName: '售后服务',
  templateCode: '1110001',
  templateNotice: '1110002',
  appId: '1400000001',
  endpoint: `${gw.url}/tencent/`,
  enabled: true,
  ...over,
});
const save = (payload: unknown) => t.as('admin', { method: 'PUT', url: '/api/v1/channels/sms/settings', payload });
const queue = (fn: (tx: Parameters<typeof sendOneTimeCode>[0]) => Promise<string>) => t.ctx.db.transaction((tx) => fn(tx));
const messages = async () =>
  (await t.as('admin', { method: 'GET', url: '/api/v1/channels/sms/messages' })).json().items as {
    id: string;
    status: string;
    error: string | null;
    phoneMasked: string;
    text: string | null;
    attempts: number;
  }[];

describe('阿里云短信 (RPC, HMAC-SHA1)', () => {
  it('saves the settings without ever returning the secret, which is stored encrypted', async () => {
    const res = await save(aliyun());
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(GATEWAY_KEYS.aliyun.secret);
    expect(res.json()).toMatchObject({ provider: 'aliyun', hasSecret: true, signName: '售后服务' });
    const read = await t.as('admin', { method: 'GET', url: '/api/v1/channels/sms/settings' });
    expect(read.body).not.toContain(GATEWAY_KEYS.aliyun.secret);
    const raw = await t.ctx.database.exec(`select access_key_secret_enc from sms_settings`);
    expect(String(raw.rows[0]!.access_key_secret_enc)).not.toContain(GATEWAY_KEYS.aliyun.secret);
    // Saving again without a secret keeps the stored one.
    expect((await save(aliyun({ accessKeySecret: undefined }))).json().hasSecret).toBe(true);
  });

  it('sends a test SMS the gateway accepts, with the documented parameters', async () => {
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/channels/sms/test', payload: { phone: '13812345678' } });
    expect(res.json()).toEqual({ ok: true, error: null });
    const [req] = gw.received;
    expect(req!.verdict).toBe('OK');
    const form = new URLSearchParams(req!.body);
    expect(Object.fromEntries(form)).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      PhoneNumbers: '13812345678',
      SignName: '售后服务',
      TemplateCode: 'SMS_100001',
      TemplateParam: '{"code":"123456"}',
    });
  });

  it('sends a one-time code and a status notice through the outbox, after commit', async () => {
    await queue((tx) => sendOneTimeCode(tx, t.ctx, '13912345678', '482913'));
    await queue((tx) => sendStatusNotice(tx, t.ctx, '+86 139 1234 5679', { number: 'WX20261120001', status: '维修中' }));
    expect(gw.received).toHaveLength(0);
    await drain();
    expect(gw.received.map((r) => r.verdict)).toEqual(['OK', 'OK']);
    const params = gw.received.map((r) => new URLSearchParams(r.body));
    expect(params[0]!.get('TemplateParam')).toBe('{"code":"482913"}');
    expect(params[1]!.get('TemplateCode')).toBe('SMS_100002');
    expect(JSON.parse(params[1]!.get('TemplateParam')!)).toEqual({ number: 'WX20261120001', status: '维修中' });
    // Personal data at rest: neither the number nor the code is readable in the table.
    const raw = JSON.stringify((await t.ctx.database.exec(`select * from sms_messages`)).rows);
    expect(raw).not.toContain('13912345678');
    expect(raw).not.toContain('482913');
    const list = await messages();
    expect(list.filter((m) => m.status === 'sent').length).toBeGreaterThanOrEqual(3);
    expect(list.map((m) => m.phoneMasked)).toContain('139****5678');
  });

  it('a wrong secret is refused by the gateway: the code is marked failed with its answer, not retried', async () => {
    await save(aliyun({ accessKeySecret: 'not-the-secret' }));
    const id = await queue((tx) => sendOneTimeCode(tx, t.ctx, '13912345678', '111222'));
    await drain();
    expect(gw.received.map((r) => r.verdict)).toEqual(['SignatureDoesNotMatch']);
    const m = (await messages()).find((x) => x.id === id)!;
    expect(m).toMatchObject({ status: 'failed', attempts: 1 });
    expect(m.error).toContain('SignatureDoesNotMatch');
  });

  it('a status notice is tried again later, up to three times', async () => {
    const id = await queue((tx) => sendStatusNotice(tx, t.ctx, '13912345678', { number: 'WX1', status: '已完成' }));
    await drain();
    expect((await messages()).find((x) => x.id === id)).toMatchObject({ status: 'queued', attempts: 1 });
    await save(aliyun());
    t.clock.advance(61_000);
    await drain();
    expect((await messages()).find((x) => x.id === id)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('腾讯云短信 (API 3.0, TC3-HMAC-SHA256)', () => {
  it('needs the SmsSdkAppId', async () => {
    const res = await save(tencent({ appId: null }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toContain('appId');
  });

  it('sends a one-time code the stand-in verifies, with E.164 numbers and ordered template parameters', async () => {
    expect((await save(tencent())).statusCode).toBe(200);
    await queue((tx) => sendOneTimeCode(tx, t.ctx, '13812345678', '654321'));
    await drain();
    expect(gw.received.map((r) => r.verdict)).toEqual(['Ok']);
    expect(JSON.parse(gw.received[0]!.body)).toEqual({
      PhoneNumberSet: ['+8613812345678'],
      SmsSdkAppId: '1400000001',
      SignName: '售后服务',
      TemplateId: '1110001',
      TemplateParamSet: ['654321'],
    });
  });

  it('a wrong SecretKey fails the signature check and the test send says so', async () => {
    await save(tencent({ accessKeySecret: 'wrong' }));
    const res = await t.as('admin', { method: 'POST', url: '/api/v1/channels/sms/test', payload: { phone: '13812345678' } });
    expect(res.json().ok).toBe(false);
    expect(res.json().error).toContain('AuthFailure.SignatureFailure');
  });
});

describe('短信模板: the wording an admin registered decides the parameters each gateway receives', () => {
  const edit = (key: string, body: string) =>
    t.as('admin', { method: 'PUT', url: `/api/v1/message-templates/sms/${key}/zh-CN`, payload: { subject: '', body } });
  const reset = (key: string) => t.as('admin', { method: 'DELETE', url: `/api/v1/message-templates/sms/${key}/zh-CN` });
  const noticeWording = '【进度】{status}：您的工单{number}，如有疑问请回复。';

  it('腾讯云: TemplateParamSet follows the order the variables appear in the edited wording', async () => {
    expect((await save(tencent())).statusCode).toBe(200);
    expect((await edit('notice', noticeWording)).statusCode).toBe(200);
    const id = await queue((tx) => sendStatusNotice(tx, t.ctx, '13812345678', { number: 'WX20261120009', status: '待取件' }));
    await drain();
    expect(gw.received.map((r) => r.verdict)).toEqual(['Ok']);
    expect(JSON.parse(gw.received[0]!.body)).toMatchObject({ TemplateId: '1110002', TemplateParamSet: ['待取件', 'WX20261120009'] });
    // Staff see what the customer read.
    expect((await messages()).find((m) => m.id === id)!.text).toBe('【进度】待取件：您的工单WX20261120009，如有疑问请回复。');
  });

  it('阿里云: TemplateParam names exactly the edited wording’s variables; the log masks a one-time code', async () => {
    expect((await save(aliyun())).statusCode).toBe(200);
    expect((await edit('code', '验证码{code}，用于登录售后服务门户。')).statusCode).toBe(200);
    const codeId = await queue((tx) => sendOneTimeCode(tx, t.ctx, '13912345678', '907112'));
    await queue((tx) => sendStatusNotice(tx, t.ctx, '13912345678', { number: 'WX20261120010', status: '已寄回' }));
    await drain();
    expect(gw.received.map((r) => r.verdict)).toEqual(['OK', 'OK']);
    const [code, notice] = gw.received.map((r) => new URLSearchParams(r.body));
    expect(code!.get('TemplateParam')).toBe('{"code":"907112"}');
    expect(notice!.get('TemplateParam')).toBe('{"status":"已寄回","number":"WX20261120010"}');
    const shown = (await messages()).find((m) => m.id === codeId)!;
    expect(shown.text).toBe('验证码******，用于登录售后服务门户。');
    expect(JSON.stringify(await messages())).not.toContain('907112');
  });

  it('a wording without the variable sends no parameter for it; reset brings back the built-in order', async () => {
    expect((await edit('notice', '工单{number}有新进展，请登录门户查看。')).statusCode).toBe(200);
    await queue((tx) => sendStatusNotice(tx, t.ctx, '13912345678', { number: 'WX20261120011', status: '维修中' }));
    await drain();
    expect(new URLSearchParams(gw.received[0]!.body).get('TemplateParam')).toBe('{"number":"WX20261120011"}');
    expect((await reset('notice')).statusCode).toBe(204);
    expect((await reset('code')).statusCode).toBe(204);
    gw.received.length = 0;
    await queue((tx) => sendStatusNotice(tx, t.ctx, '13912345678', { number: 'WX20261120012', status: '维修中' }));
    await drain();
    expect(new URLSearchParams(gw.received[0]!.body).get('TemplateParam')).toBe('{"number":"WX20261120012","status":"维修中"}');
  });
});

describe('settings are for administrators, and addresses are checked', () => {
  it('refuses a metadata endpoint and a non-http scheme', async () => {
    for (const endpoint of ['http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd', 'http://100.100.100.200/']) {
      const res = await save(aliyun({ endpoint }));
      expect(res.statusCode, endpoint).toBe(400);
      expect(res.json().error.issues[0].path).toContain('endpoint');
    }
  });

  it('an agent or a manager cannot read or change them', async () => {
    for (const role of ['agent', 'manager'] as const) {
      expect((await t.as(role, { method: 'GET', url: '/api/v1/channels/sms/settings' })).statusCode).toBe(403);
      expect((await t.as(role, { method: 'PUT', url: '/api/v1/channels/sms/settings', payload: aliyun() })).statusCode).toBe(403);
    }
  });
});
