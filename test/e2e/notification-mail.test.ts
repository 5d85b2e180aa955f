import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD } from './global-setup';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// 通知设置: a staff user opens their own settings from the user menu, gives their work address and
// ticks which notifications also come by e-mail; the choice is kept. Desktop and tablet.
let browser: Browser;
const opened: Watched[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterEach(async () => {
  expect(await takeErrors(opened)).toEqual([]);
});
afterAll(async () => {
  // Leave the shared demo user as it was: no mail reminders.
  const w = opened[0];
  if (w) await apiCall(w.page, 'PUT', '/notifications/mail-settings', { address: null, kinds: [] }).catch(() => undefined);
  for (const x of opened) await x.context.close().catch(() => undefined);
  await browser?.close();
});

const fits = (page: import('playwright-core').Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe('notification settings', () => {
  test('an agent chooses which notifications also come by e-mail, from the user menu', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'agent', '/tickets');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('my-notification-settings').click();
    await page.waitForURL((u) => u.pathname === '/me/notifications');
    await page.getByTestId('mail-prefs-form').waitFor();
    await page.getByText('工单指派给我').waitFor();
    await page.getByTestId('mail-prefs-address').fill('not-an-address');
    await page.getByTestId('mail-prefs-save').click();
    await page.getByText('请输入有效的邮箱地址').waitFor();

    await page.getByTestId('mail-prefs-address').fill('agent.demo@shouhou.test');
    await page.getByTestId('mail-kind-ticket_assigned').click();
    await page.getByTestId('mail-kind-sla_warning').click();
    await page.getByTestId('mail-prefs-save').click();
    await page.getByText('已保存').waitFor();
    expect(await fits(page)).toBe(true);
    await screenshot(page, 'notification-mail-settings-1440');

    await page.reload();
    await page.getByTestId('mail-prefs-form').waitFor();
    await expect.poll(() => page.getByTestId('mail-prefs-address').inputValue()).toBe('agent.demo@shouhou.test');
    expect(await page.getByTestId('mail-kind-ticket_assigned').isChecked()).toBe(true);
    expect(await page.getByTestId('mail-kind-sla_warning').isChecked()).toBe(true);
    expect(await page.getByTestId('mail-kind-sla_breached').isChecked()).toBe(false);
    const saved = await apiCall<{ kinds: string[] }>(page, 'GET', '/notifications/mail-settings');
    expect(saved.kinds.sort()).toEqual(['sla_warning', 'ticket_assigned']);
    const body = (await page.getByTestId('mail-prefs-page').textContent()) ?? '';
    expect(body).not.toMatch(/ticket_assigned|sla_|undefined/);
  });

  test('the page fits a tablet', async () => {
    const w = await openContext(browser, { viewport: { width: 820, height: 1180 }, touch: true });
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'agent', '/me/notifications');
    await page.getByTestId('mail-prefs-form').waitFor();
    await expect.poll(() => page.getByTestId('mail-prefs-address').inputValue()).toBe('agent.demo@shouhou.test');
    expect(await fits(page)).toBe(true);
    await screenshot(page, 'notification-mail-settings-tablet');
  });

  test('an admin sees who changed the channel settings, secrets named but never shown', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'admin', '/tickets', ADMIN_PASSWORD);
    const name = `ERP 对接 ${Date.now().toString(36)}`;
    const hook = await apiCall<{ id: string; secret: string }>(page, 'POST', '/webhooks', {
      name,
      url: 'https://10.20.0.6/hooks/shouhou',
      events: ['ticket.created'],
    });
    await apiCall(page, 'DELETE', `/webhooks/${hook.id}`);
    await page.goto('/admin/channels?tab=changes');
    const table = page.getByTestId('channel-changes');
    await table.getByText(name).first().waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('Webhook 订阅');
    expect(text).toContain('签名密钥已更改（不记录内容）');
    expect(text).not.toContain(hook.secret);
    expect(text).not.toMatch(/webhook_settings|secretsChanged|undefined/);
    await screenshot(page, 'channel-settings-changes-1440');
  });
});
