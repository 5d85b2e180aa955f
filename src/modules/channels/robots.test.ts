/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies from the wire, checked field by field */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../jobs/outbox';
import { makeTicket } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/helpers/app';
import { GATEWAY_KEYS, startFakeGateways, type FakeGateways } from '../../../test/helpers/channel-servers';

// 群机器人: each platform's stand-in checks its signature and its card format; a team's robot hears of
// its own team's tickets only, and of the events an admin picked.
let t: TestApp;
let gw: FakeGateways;
const robots: Record<string, string> = {};
beforeAll(async () => {
  process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK = '1';
  process.env.SHOUHOU_PUBLIC_URL = 'https://shouhou.example.com';
  t = await createTestApp();
  gw = await startFakeGateways(() => t.clock.now());
});
afterAll(async () => {
  delete process.env.SHOUHOU_OUTBOUND_ALLOW_LOOPBACK;
  delete process.env.SHOUHOU_PUBLIC_URL;
  await gw?.close();
  await t?.close();
});
beforeEach(() => {
  gw.received.length = 0;
});

const create = (payload: Record<string, unknown>) => t.as('admin', { method: 'POST', url: '/api/v1/channels/robots', payload });
const ALL = ['ticket_urgent', 'sla_breached', 'sla_warning', 'explanation_pending', 'parts_low_stock'];
const cards = () => gw.received.map((r) => ({ platform: r.path.split('/')[1], verdict: r.verdict, body: JSON.parse(r.body) as Record<string, any> }));

describe('adding robots', () => {
  it('stores the address and the 加签 secret encrypted and never shows them again', async () => {
    const wecom = await create({
      team: '华东服务组',
      platform: 'wecom',
      name: '华东企微群',
      webhookUrl: `${gw.url}/wecom/cgi-bin/webhook/send?key=${GATEWAY_KEYS.wecomKey}`,
      events: ALL,
      enabled: true,
    });
    const ding = await create({
      team: '华东服务组',
      platform: 'dingtalk',
      name: '华东钉钉群',
      webhookUrl: `${gw.url}/dingtalk/robot/send?access_token=${GATEWAY_KEYS.dingtalk.token}`,
      secret: GATEWAY_KEYS.dingtalk.secret,
      events: ALL,
      enabled: true,
    });
    const feishu = await create({
      team: null,
      platform: 'feishu',
      name: '全公司飞书群',
      webhookUrl: `${gw.url}/feishu/open-apis/bot/v2/hook/${GATEWAY_KEYS.feishu.hook}`,
      secret: GATEWAY_KEYS.feishu.secret,
      events: ['sla_breached', 'parts_low_stock'],
      enabled: true,
    });
    const south = await create({
      team: '华南服务组',
      platform: 'wecom',
      name: '华南企微群',
      webhookUrl: `${gw.url}/wecom/cgi-bin/webhook/send?key=${GATEWAY_KEYS.wecomKey}`,
      events: ALL,
      enabled: true,
    });
    for (const [name, res] of Object.entries({ wecom, ding, feishu, south })) {
      expect(res.statusCode, res.body).toBe(201);
      robots[name] = res.json().id;
    }
    const list = await t.as('admin', { method: 'GET', url: '/api/v1/channels/robots' });
    for (const secret of [
      GATEWAY_KEYS.wecomKey,
      GATEWAY_KEYS.dingtalk.token,
      GATEWAY_KEYS.dingtalk.secret,
      GATEWAY_KEYS.feishu.hook,
      GATEWAY_KEYS.feishu.secret,
    ]) {
      expect(list.body).not.toContain(secret);
      expect(JSON.stringify((await t.ctx.database.exec('select * from team_robots')).rows)).not.toContain(secret);
    }
    expect(list.json().items.find((r: { id: string }) => r.id === robots.ding).webhookUrlMasked).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\*\*\*\*$/);
  });

  it('"send a test message" reaches each group with a valid signature and card', async () => {
    for (const id of [robots.wecom, robots.ding, robots.feishu]) {
      const res = await t.as('admin', { method: 'POST', url: `/api/v1/channels/robots/${id}/test` });
      expect(res.json(), res.body).toEqual({ ok: true, error: null });
    }
    expect(gw.received.map((r) => r.verdict)).toEqual(['ok', 'ok', 'ok']);
  });

  it('a wrong DingTalk secret is refused by the platform and shown on the robot', async () => {
    await t.as('admin', {
      method: 'PUT',
      url: `/api/v1/channels/robots/${robots.ding}`,
      payload: { team: '华东服务组', platform: 'dingtalk', name: '华东钉钉群', secret: 'SECwrong', events: ALL, enabled: true },
    });
    const res = await t.as('admin', { method: 'POST', url: `/api/v1/channels/robots/${robots.ding}/test` });
    expect(res.json()).toMatchObject({ ok: false, error: expect.stringContaining('310000') });
    const row = (await t.as('admin', { method: 'GET', url: '/api/v1/channels/robots' })).json().items.find((r: { id: string }) => r.id === robots.ding);
    expect(row).toMatchObject({ lastStatus: 'failed', lastError: expect.stringContaining('sign not match') });
    await t.as('admin', {
      method: 'PUT',
      url: `/api/v1/channels/robots/${robots.ding}`,
      payload: { team: '华东服务组', platform: 'dingtalk', name: '华东钉钉群', secret: GATEWAY_KEYS.dingtalk.secret, events: ALL, enabled: true },
    });
  });

  it('refuses addresses that are not http(s) or point at metadata', async () => {
    for (const webhookUrl of ['ftp://example.com/x', 'http://169.254.169.254/', 'http://[::ffff:169.254.169.254]/', 'http://metadata.google.internal/']) {
      const res = await create({ platform: 'wecom', name: 'x', webhookUrl, events: [], enabled: true });
      expect(res.statusCode, webhookUrl).toBe(400);
    }
  });
});

describe('events reach the team’s robots as cards with a link to the ticket', () => {
  it('a new urgent ticket of 华东服务组: its WeCom and DingTalk groups hear of it, 华南 does not', async () => {
    const ticket = await makeTicket(t, { priority: 'urgent', priorityReason: '产线停机', team: '华东服务组' });
    await t.workers.runOnce();
    const sent = cards();
    expect(sent.map((c) => `${c.platform}:${c.verdict}`).sort()).toEqual(['dingtalk:ok', 'wecom:ok']);
    const link = `https://shouhou.example.com/tickets/${ticket.id}`;
    const wecom = sent.find((c) => c.platform === 'wecom')!.body.template_card;
    expect(wecom.main_title.title).toBe(`紧急工单 ${ticket.number}`);
    expect(wecom.card_action.url).toBe(link);
    const ding = sent.find((c) => c.platform === 'dingtalk')!.body.actionCard;
    expect(ding).toMatchObject({ title: `紧急工单 ${ticket.number}`, singleTitle: '查看工单', singleURL: link });
    // The robots' own state: sent.
    const list = (await t.as('admin', { method: 'GET', url: '/api/v1/channels/robots' })).json().items as { id: string; lastStatus: string }[];
    expect(list.find((r) => r.id === robots.south)!.lastStatus).toBe(null);
  });

  it('a normal ticket announces nothing; an SLA breach reaches the team’s groups and the all-teams Feishu card', async () => {
    const ticket = await makeTicket(t, { priority: 'general', team: '华东服务组' });
    await t.workers.runOnce();
    expect(gw.received).toHaveLength(0);
    await t.ctx.db.transaction((tx) =>
      enqueue(tx, t.clock.now(), 'sla.breached', {
        ticketId: ticket.id,
        number: ticket.number,
        ownerId: null,
        target: 'first_response',
        dueAt: '2026-11-20T04:00:00.000Z',
      }),
    );
    await t.workers.runOnce();
    const sent = cards();
    expect(sent.map((c) => `${c.platform}:${c.verdict}`).sort()).toEqual(['dingtalk:ok', 'feishu:ok', 'wecom:ok']);
    const feishu = sent.find((c) => c.platform === 'feishu')!.body;
    expect(feishu.card.header).toEqual({ title: { tag: 'plain_text', content: `工单 ${ticket.number} 已超时` }, template: 'red' });
    expect(JSON.stringify(feishu.card.elements)).toContain('首次响应');
    expect(JSON.stringify(feishu.card.elements)).toContain('2026/11/20 12:00');
  });

  it('parts low stock goes to every robot that chose it, with a link to the parts page', async () => {
    await t.ctx.db.transaction((tx) =>
      enqueue(tx, t.clock.now(), 'parts.low_stock', {
        warehouseId: crypto.randomUUID(),
        warehouseName: '上海中心仓',
        partId: crypto.randomUUID(),
        partNumber: 'P-1001',
        partName: '主板',
        available: 1,
        threshold: 5,
      }),
    );
    await t.workers.runOnce();
    const sent = cards();
    expect(sent).toHaveLength(4);
    expect(sent.every((c) => c.verdict === 'ok')).toBe(true);
    expect(JSON.stringify(sent.map((c) => c.body))).toContain('https://shouhou.example.com/parts');
  });

  it('an admin-edited card wording reaches every platform in its own format; reset brings the built-in wording back', async () => {
    const edited = await t.as('admin', {
      method: 'PUT',
      url: '/api/v1/message-templates/robot/sla_breached/zh-CN',
      payload: { subject: '超时告警 {number}', body: '环节：{target}\n最晚：{dueAt}\n链接：{link}', button: '立即处理' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const ticket = await makeTicket(t, { team: '华东服务组' });
    const breach = () =>
      t.ctx.db.transaction((tx) =>
        enqueue(tx, t.clock.now(), 'sla.breached', {
          ticketId: ticket.id,
          number: ticket.number,
          ownerId: null,
          target: 'resolution',
          dueAt: '2026-11-21T10:30:00.000Z',
        }),
      );
    await t.workers.runOnce();
    gw.received.length = 0;
    await breach();
    await t.workers.runOnce();
    const sent = cards();
    expect(sent.map((c) => `${c.platform}:${c.verdict}`).sort()).toEqual(['dingtalk:ok', 'feishu:ok', 'wecom:ok']);
    const link = `https://shouhou.example.com/tickets/${ticket.id}`;
    const wecom = sent.find((c) => c.platform === 'wecom')!.body.template_card;
    expect(wecom.main_title).toEqual({ title: `超时告警 ${ticket.number}`, desc: '请立即处理' });
    expect(wecom.horizontal_content_list).toEqual([
      { keyname: '环节', value: '解决' },
      { keyname: '最晚', value: '2026/11/21 18:30' },
      { keyname: '链接', value: link.slice(0, 26) },
    ]);
    expect(wecom.jump_list).toEqual([{ type: 1, url: link, title: '立即处理' }]);
    const ding = sent.find((c) => c.platform === 'dingtalk')!.body.actionCard;
    expect(ding).toMatchObject({ title: `超时告警 ${ticket.number}`, singleTitle: '立即处理', singleURL: link });
    expect(ding.text).toBe(`### 🔴 超时告警 ${ticket.number}\n> 环节：解决\n> 最晚：2026/11/21 18:30\n> 链接：${link}`);
    const feishu = sent.find((c) => c.platform === 'feishu')!.body.card;
    expect(feishu.header.title.content).toBe(`超时告警 ${ticket.number}`);
    expect(feishu.elements[0].fields.map((f: any) => f.text.content)).toEqual(['**环节**\n解决', '**最晚**\n2026/11/21 18:30', `**链接**\n${link}`]);
    expect(feishu.elements[1].actions[0].text.content).toBe('立即处理');

    expect((await t.as('admin', { method: 'DELETE', url: '/api/v1/message-templates/robot/sla_breached/zh-CN' })).statusCode).toBe(204);
    gw.received.length = 0;
    await breach();
    await t.workers.runOnce();
    const again = cards().find((c) => c.platform === 'dingtalk')!.body.actionCard;
    expect(again).toMatchObject({ title: `工单 ${ticket.number} 已超时`, singleTitle: '查看工单' });
    expect(again.text).toContain('> 时限：解决');
  });

  it('a switched-off robot and an event it did not choose send nothing', async () => {
    await t.as('admin', {
      method: 'PUT',
      url: `/api/v1/channels/robots/${robots.wecom}`,
      payload: { team: '华东服务组', platform: 'wecom', name: '华东企微群', events: ALL, enabled: false },
    });
    const ticket = await makeTicket(t, { team: '华东服务组' });
    await t.ctx.db.transaction((tx) =>
      enqueue(tx, t.clock.now(), 'sla.explanation_submitted', { ticketId: ticket.id, number: ticket.number, explanationId: crypto.randomUUID() }),
    );
    await t.workers.runOnce();
    // Only DingTalk (华东, enabled, chose explanation_pending); Feishu did not choose it.
    expect(cards().map((c) => c.platform)).toEqual(['dingtalk']);
    expect(cards()[0]!.body.actionCard.singleURL).toBe('https://shouhou.example.com/sla/pending-explanations');
  });
});

describe('who may manage robots', () => {
  it('administrators only', async () => {
    for (const role of ['manager', 'agent', 'engineer'] as const) {
      expect((await t.as(role, { method: 'GET', url: '/api/v1/channels/robots' })).statusCode).toBe(403);
      expect((await t.as(role, { method: 'POST', url: `/api/v1/channels/robots/${robots.wecom}/test` })).statusCode).toBe(403);
    }
  });
});
