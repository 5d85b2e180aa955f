import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { GATEWAY_KEYS, startFakeGateways, type FakeGateways } from '../helpers/channel-servers';
import { ADMIN_PASSWORD } from './global-setup';
import { apiCall, chooseOne, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// 消息渠道 in a real browser: an admin configures the SMS gateway and sends a test SMS, adds a signed
// DingTalk robot and sends a test card, subscribes a webhook, sees a failed delivery in the log and
// redelivers it. The gateways are local stand-ins that check each signature.
let browser: Browser;
let gw: FakeGateways;
const opened: Watched[] = [];
const run = Date.now().toString(36);

beforeAll(async () => {
  browser = await launch();
  gw = await startFakeGateways();
});
afterEach(async () => {
  expect(await takeErrors(opened)).toEqual([]);
});
afterAll(async () => {
  for (const w of opened) await w.context.close().catch(() => undefined);
  await browser?.close();
  await gw?.close();
});

describe('channel settings', () => {
  test('SMS gateway, a team robot and a webhook with its delivery log', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'admin', '/admin/channels', ADMIN_PASSWORD);

    // 短信网关: Aliyun, pointed at the stand-in; the test SMS is signed and accepted.
    const sms = page.getByTestId('sms-form');
    await sms.waitFor();
    await sms.getByLabel('AccessKey ID / SecretId').fill(GATEWAY_KEYS.aliyun.id);
    await page.getByTestId('sms-secret').fill(GATEWAY_KEYS.aliyun.secret);
    await sms.getByLabel('短信签名').fill('售后服务');
    await sms.getByLabel('验证码模板').fill('SMS_100001');
    await sms.getByLabel('状态通知模板').fill('SMS_100002');
    await page.getByTestId('sms-endpoint').fill(`${gw.url}/aliyun/`);
    // 状态通知: received and resolved are chosen until the admin says otherwise.
    expect(await page.getByTestId('sms-notice-events').locator('.ant-select-selection-item').allInnerTexts()).toEqual(['已受理（含工单号）', '已解决']);
    await page.getByTestId('sms-save').click();
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    await expect.poll(() => sms.getByText('已保存（加密存储）').count()).toBeGreaterThan(0);
    await page.getByTestId('sms-test-phone').fill('13812345678');
    await page.getByTestId('sms-send-test').click();
    await page.locator('.ant-message', { hasText: '发送成功' }).waitFor();
    await page.getByTestId('sms-messages').getByText('138****5678').first().waitFor();
    expect(gw.received.filter((r) => r.path === '/aliyun/').map((r) => r.verdict)).toContain('OK');
    await screenshot(page, 'channels-sms');

    // 群机器人: a signed DingTalk robot for 华东服务组.
    await page.getByRole('tab', { name: '群机器人' }).click();
    await page.getByTestId('robot-new').click();
    const robotForm = page.getByTestId('robot-form');
    await robotForm.waitFor();
    await robotForm.getByLabel('名称').fill(`华东钉钉群 ${run}`);
    await robotForm.getByLabel('班组').fill('华东服务组');
    // The secret field appears only once the pick has landed; under load the first click can miss.
    await chooseOne(page, robotForm.locator('.ant-select').first(), '钉钉');
    await page.getByTestId('robot-url').fill(`${gw.url}/dingtalk/robot/send?access_token=${GATEWAY_KEYS.dingtalk.token}`);
    await page.getByTestId('robot-secret').fill(GATEWAY_KEYS.dingtalk.secret);
    await robotForm.getByLabel('超时说明待审批').check();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const row = page.getByTestId('robots-table').locator('tr', { hasText: `华东钉钉群 ${run}` });
    await row.waitFor();
    await row.getByTestId('robot-test').click();
    await page.locator('.ant-message', { hasText: '发送成功' }).waitFor();
    await row.locator('.ant-tag', { hasText: '已发送' }).waitFor();
    expect(gw.received.filter((r) => r.path === '/dingtalk/robot/send').map((r) => r.verdict)).toEqual(['ok']);
    expect(await page.content()).not.toContain(GATEWAY_KEYS.dingtalk.token);
    await screenshot(page, 'channels-robots');

    // Webhook 订阅: the secret once; the first delivery fails (500), the log shows it, redelivery succeeds.
    await page.getByRole('tab', { name: 'Webhook 订阅' }).click();
    await page.getByTestId('webhook-new').click();
    const hookForm = page.getByTestId('webhook-form');
    await hookForm.waitFor();
    await hookForm.getByLabel('名称').fill(`ERP ${run}`);
    await page.getByTestId('webhook-url').fill(`${gw.url}/hook/e2e-${run}`);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/whsec_/);
    await screenshot(page, 'channels-webhook-secret');
    await page.locator('.ant-modal-confirm-btns .ant-btn').click();

    // The first attempt gets a 503 asking to come back in 5 s (Retry-After); that retry a 200.
    gw.queueStatuses(`e2e-${run}`, { status: 503, retryAfter: '5' });
    const hooks = await apiCall<{ items: { id: string; name: string }[] }>(page, 'GET', '/webhooks');
    const hook = hooks.items.find((h) => h.name === `ERP ${run}`)!;
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
      name: `渠道测试客户${run}`,
      contacts: [{ name: '周工', phone: '13900001111' }],
      confirmNew: true,
    });
    const notified = await apiCall<{ id: string; number: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: '设备无法开机',
      customerId: customer.id,
    });
    const hookRow = page.getByTestId('webhooks-table').locator('tr', { hasText: `ERP ${run}` });
    await hookRow.getByTestId('webhook-log').click();
    const log = page.getByTestId('deliveries-table');
    // Other tests create tickets on the shared server too: follow the first delivery (the oldest row).
    const first = log.locator('tbody tr.ant-table-row').last();
    await first.locator('.ant-tag', { hasText: '待重试' }).waitFor({ timeout: 30_000 });
    expect(await first.textContent()).toContain('503');
    await page.waitForTimeout(500); // the drawer's and the tags' transitions
    await screenshot(page, 'channels-webhook-log-retrying');
    await first.locator('.ant-tag', { hasText: '成功' }).waitFor({ timeout: 60_000 });
    expect(await first.textContent()).toContain('503 → 200');

    await first.getByTestId('redeliver').click();
    await page.locator('.ant-message', { hasText: '已重新投递' }).waitFor();
    await log.locator('tr', { hasText: '重投' }).locator('.ant-tag', { hasText: '成功' }).waitFor({ timeout: 30_000 });
    const hookCalls = gw.received.filter((r) => r.path === `/hook/e2e-${run}`);
    expect(hookCalls.every((r) => String(r.headers['x-shouhou-signature']).startsWith('sha256='))).toBe(true);
    await page.waitForTimeout(500);
    await screenshot(page, 'channels-webhook-redelivered');

    // The same ticket told its customer by SMS (已受理 with its number): the ticket page shows where
    // it went, masked, and that the gateway took it.
    const smsOf = () => apiCall<{ items: { status: string }[] }>(page, 'GET', `/tickets/${notified.id}/sms`);
    await expect.poll(async () => (await smsOf()).items.map((m) => m.status), { timeout: 30_000 }).toEqual(['sent']);
    await page.goto(`/tickets/${notified.id}`);
    const note = page.getByTestId('ticket-sms-item').first();
    await expect.poll(() => note.getAttribute('data-status')).toBe('sent');
    expect(await note.textContent()).toContain('139****1111');
    expect(await note.textContent()).toContain(notified.number);
    await screenshot(page, 'channels-ticket-sms');

    // Leave the shared server as found: no robot or subscription pointing at a closed stand-in, and no
    // status notices for the other tests' tickets.
    const { settings: stored } = await apiCall<{ settings: Record<string, unknown> }>(page, 'GET', '/channels/sms/settings');
    const { hasSecret: _h, updatedAt: _u, ...keep } = stored;
    await apiCall(page, 'PUT', '/channels/sms/settings', { ...keep, noticeEvents: [] });
    const robots = await apiCall<{ items: { id: string; name: string }[] }>(page, 'GET', '/channels/robots');
    for (const r of robots.items.filter((x) => x.name.endsWith(run))) await apiCall(page, 'DELETE', `/channels/robots/${r.id}`);
    await apiCall(page, 'DELETE', `/webhooks/${hook.id}`);
  }, 180_000);
});
