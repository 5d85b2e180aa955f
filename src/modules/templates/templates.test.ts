import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('message templates', () => {
  it('lists built-in wording per event and language, previews an edit before saving, and refuses unknown variables', async () => {
    const list = await t.as('admin', { method: 'GET', url: '/api/v1/message-templates?channel=email' });
    expect(list.statusCode).toBe(200);
    const received = list.json().items.find((x: { key: string; locale: string }) => x.key === 'received' && x.locale === 'zh-CN');
    expect(received).toMatchObject({ customised: false, subject: '[{number}] 我们已受理您的服务请求' });
    expect(list.json().variables).toEqual(expect.arrayContaining(['number', 'customer', 'promisedAt', 'link']));

    const preview = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/message-templates/preview',
      payload: { subject: '[{number}] 好', body: '{customer}：{promisedAt}' },
    });
    expect(preview.json()).toEqual({ subject: '[WX20261130001] 好', body: '张伟：2026-11-30 18:00 前响应，2026-12-02 18:00 前解决' });
    const unknown = await t.as('admin', { method: 'POST', url: '/api/v1/message-templates/preview', payload: { subject: 'x', body: '{numbr}' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0]).toMatchObject({ path: 'body', code: 'unknown_variable' });

    // An e-mail event is not an SMS template.
    const wrongKey = await t.as('admin', { method: 'PUT', url: '/api/v1/message-templates/sms/received/zh-CN', payload: { subject: '', body: 'x' } });
    expect(wrongKey.statusCode).toBe(400);
    expect(wrongKey.json().error.issues[0]).toMatchObject({ path: 'key', code: 'unknown_template' });
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/message-templates' })).statusCode).toBe(403);
  });
});

type Item = { key: string; locale: string; subject: string; body: string; button: string; variables: string[]; customised: boolean };
const list = async (channel: string) => (await t.as('admin', { method: 'GET', url: `/api/v1/message-templates?channel=${channel}` })).json().items as Item[];

describe('群机器人模板 robot card wording', () => {
  it('lists each robot event in Chinese only, with the built-in wording and its own variables', async () => {
    const items = await list('robot');
    expect(items.map((i) => i.key)).toEqual(['ticket_urgent', 'sla_breached', 'sla_warning', 'explanation_pending', 'parts_low_stock', 'test']);
    expect(items.every((i) => i.locale === 'zh-CN' && !i.customised)).toBe(true);
    expect(items.find((i) => i.key === 'sla_breached')).toMatchObject({
      subject: '工单 {number} 已超时',
      body: '工单号：{number}\n时限：{target}\n截止：{dueAt}',
      button: '查看工单',
      variables: ['number', 'target', 'dueAt', 'link'],
    });
  });

  it('previews a card with sample values without saving it, and refuses what a card cannot show', async () => {
    const preview = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/message-templates/preview',
      payload: { channel: 'robot', key: 'sla_warning', subject: '⚠ {number} 快到期', body: '截止：{dueAt}\n环节：{target}', button: '马上处理' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      subject: '⚠ WX20261130001 快到期',
      button: '马上处理',
      lines: [
        { label: '截止', value: '2026/11/30 18:00' },
        { label: '环节', value: '首次响应' },
      ],
    });
    expect((await list('robot')).find((i) => i.key === 'sla_warning')!.customised).toBe(false);

    const refuse = async (payload: Record<string, unknown>) => {
      const res = await t.as('admin', {
        method: 'POST',
        url: '/api/v1/message-templates/preview',
        payload: { channel: 'robot', key: 'sla_warning', ...payload },
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      return res.json().error.issues[0];
    };
    // {partName} exists, but not on an SLA card.
    expect(await refuse({ subject: 'x', body: '备件：{partName}', button: 'b' })).toMatchObject({ path: 'body', code: 'unknown_variable' });
    expect(await refuse({ subject: '{customer}', body: 'a：b', button: 'b' })).toMatchObject({ path: 'subject', code: 'unknown_variable' });
    expect(await refuse({ subject: 'x', body: '没有冒号的一行', button: 'b' })).toMatchObject({ path: 'body', code: 'line_format' });
    expect(await refuse({ subject: 'x', body: 'a：b', button: '' })).toMatchObject({ path: 'button', code: 'required' });
    // Robots speak Chinese only.
    const en = await t.as('admin', { method: 'PUT', url: '/api/v1/message-templates/robot/test/en', payload: { subject: 'x', body: 'a: b', button: 'b' } });
    expect(en.json().error.issues[0]).toMatchObject({ path: 'locale' });
  });

  it('saves an edit and resets it to the built-in wording', async () => {
    const saved = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/message-templates/robot/explanation_pending/zh-CN',
      payload: { subject: '请审批 {number}', body: '工单：{number}', button: '去看看' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ customised: true, subject: '请审批 {number}', button: '去看看' });
    expect((await t.as('admin', { method: 'DELETE', url: '/api/v1/message-templates/robot/explanation_pending/zh-CN' })).statusCode).toBe(204);
    expect((await list('robot')).find((i) => i.key === 'explanation_pending')).toMatchObject({
      customised: false,
      subject: '工单 {number} 超时说明待审批',
      button: '去审批',
    });
  });
});

describe('短信模板 SMS wording', () => {
  it('previews the text and the parameters the gateway receives, in the order the variables appear', async () => {
    const items = await list('sms');
    expect(items.map((i) => [i.key, i.variables])).toEqual([
      ['code', ['code']],
      ['notice', ['number', 'status']],
    ]);
    const preview = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/message-templates/preview',
      payload: { channel: 'sms', key: 'notice', subject: '', body: '状态：{status}（工单{number}）' },
    });
    expect(preview.json()).toMatchObject({
      body: '状态：维修中（工单WX20261130001）',
      params: [
        { name: 'status', value: '维修中' },
        { name: 'number', value: 'WX20261130001' },
      ],
    });
    const unknown = await t.as('admin', {
      method: 'POST',
      url: '/api/v1/message-templates/preview',
      payload: { channel: 'sms', key: 'code', subject: '', body: '验证码{code}，工单{number}' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0]).toMatchObject({ path: 'body', code: 'unknown_variable' });
    expect((await list('sms')).every((i) => !i.customised)).toBe(true);
  });
});

describe('reply macros (常用回复)', () => {
  it('managers keep them, the service desk reads them', async () => {
    const made = await t.as('manager', {
      method: 'POST',
      url: '/api/v1/reply-macros',
      payload: { title: '预约上门', body: '{customer}您好，工程师将于明天上门处理工单 {number}。' },
    });
    expect(made.statusCode).toBe(201);
    expect((await t.as('manager', { method: 'POST', url: '/api/v1/reply-macros', payload: { title: '预约上门', body: 'x' } })).statusCode).toBe(400);
    expect((await t.as('agent', { method: 'POST', url: '/api/v1/reply-macros', payload: { title: 'a', body: 'b' } })).statusCode).toBe(403);
    const list = await t.as('engineer', { method: 'GET', url: '/api/v1/reply-macros' });
    expect(list.json().items.map((m: { title: string }) => m.title)).toEqual(['预约上门']);
    const id = made.json().id as string;
    const changed = await t.as('manager', { method: 'PUT', url: `/api/v1/reply-macros/${id}`, payload: { title: '预约上门', body: '{customer}您好' } });
    expect(changed.json().body).toBe('{customer}您好');
    expect((await t.as('manager', { method: 'DELETE', url: `/api/v1/reply-macros/${id}` })).statusCode).toBe(204);
    expect((await t.as('manager', { method: 'DELETE', url: `/api/v1/reply-macros/${id}` })).statusCode).toBe(404);
  });
});
