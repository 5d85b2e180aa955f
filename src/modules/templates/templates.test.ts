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

    const saved = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/message-templates/sms/received/zh-CN',
      payload: { subject: '', body: '工单{number}已受理' },
    });
    expect(saved.json()).toMatchObject({ channel: 'sms', customised: true, body: '工单{number}已受理' });
    expect((await t.as('admin', { method: 'DELETE', url: '/api/v1/message-templates/sms/received/zh-CN' })).statusCode).toBe(204);
    expect((await t.as('agent', { method: 'GET', url: '/api/v1/message-templates' })).statusCode).toBe(403);
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
