import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { dovecotInstalled, startDovecot } from '../helpers/dovecot';
import { startCapture } from '../helpers/mail-capture';
import { ADMIN_PASSWORD } from './global-setup';
import { apiCall, clickOption, launch, loginTo, openContext, pickOption, screenshot, takeErrors, type Watched } from './browser';

// Mail in a real browser: an admin sets up SMTP (a real SMTP server started here), sends a test mail,
// previews and saves a template, adds a reply macro; an agent's reply built from the macro goes out
// by mail and the timeline says it was delivered.
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startCapture>>;
const opened: Watched[] = [];
const run = Date.now().toString(36);

beforeAll(async () => {
  browser = await launch();
  smtp = await startCapture();
});
afterEach(async () => {
  expect(await takeErrors(opened)).toEqual([]);
});
afterAll(async () => {
  // The shared server goes back to no mail (other browser tests make tickets too).
  const w = opened[0];
  if (w) await apiCall(w.page, 'DELETE', '/mail/settings').catch(() => undefined);
  for (const x of opened) await x.context.close().catch(() => undefined);
  await browser?.close();
  await smtp?.close();
});

const until = async (check: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('mail', () => {
  test('an admin sets up SMTP, sends a test mail, previews a template and adds a reply macro; a reply goes out by mail', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'admin', '/admin/mail', ADMIN_PASSWORD);
    await page.getByTestId('smtp-form').waitFor();
    await page.getByTestId('smtp-host').fill('127.0.0.1');
    await page.getByTestId('smtp-port').fill(String(smtp.port));
    await page.getByTestId('smtp-from').fill('售后服务 <service@shouhou.test>');
    await page.getByTestId('smtp-save').click();
    await expect.poll(() => page.getByTestId('mail-source').textContent()).toBe('管理页面设置');
    const testTo = `admin-${run}@shouhou.test`;
    await page.getByTestId('test-to').fill(testTo);
    await page.getByTestId('send-test').click();
    await page.getByText('测试邮件已发出').waitFor();
    await until(() => smtp.to(testTo).length === 1);
    expect(smtp.to(testTo)[0]!.mail.subject).toBe('售后系统测试邮件');
    await screenshot(page, 'mail-smtp-settings');

    // 消息模板: edit, preview with sample values, save.
    await page.getByRole('tab', { name: '消息模板' }).click();
    await page.getByTestId('edit-progress-zh-CN').click();
    await page.getByTestId('template-subject').fill('[{number}] 进度通报 {customer}');
    await page.getByTestId('template-preview').click();
    await page.getByTestId('template-preview-result').getByText('[WX20261130001] 进度通报 张伟').waitFor();
    await screenshot(page, 'mail-template-preview');
    await page.getByTestId('template-save').click();
    await page.getByTestId('templates-table').locator('tr', { hasText: '进度通报' }).getByText('已修改').first().waitFor();

    // 群机器人: a card's title, lines and button, previewed with sample values, saved, then reset.
    await page.getByTestId('template-channel').getByText('群机器人').click();
    await page.getByTestId('edit-sla_breached-zh-CN').click();
    await page.getByTestId('template-subject').fill('超时告警 {number}');
    await page.getByTestId('template-body').fill('环节：{target}\n最晚：{dueAt}');
    await page.getByTestId('template-button').fill('立即处理');
    await page.getByTestId('template-preview').click();
    const card = page.getByTestId('template-preview-result');
    await card.getByText('超时告警 WX20261130001').waitFor();
    await card.getByText('2026/11/30 18:00').waitFor();
    await card.getByText('立即处理').waitFor();
    await screenshot(page, 'mail-template-robot-preview');
    await page.getByTestId('template-save').click();
    await page.getByTestId('templates-table').locator('tr', { hasText: '已超时' }).getByText('已修改').waitFor();
    await page.getByTestId('reset-sla_breached-zh-CN').click();
    await page.getByTestId('templates-table').locator('tr', { hasText: '已超时' }).getByText('默认').waitFor();

    // 短信: the wording as registered with the gateway; the preview lists the parameters in order.
    await page.getByTestId('template-channel').getByText('短信').click();
    await page.getByTestId('edit-notice-zh-CN').click();
    await page.getByTestId('template-body').fill('{status}：您的工单{number}');
    await page.getByTestId('template-preview').click();
    await page.getByTestId('template-preview-result').getByText('维修中：您的工单WX20261130001').waitFor();
    await page.getByTestId('template-preview-result').getByText('{1} status = 维修中；{2} number = WX20261130001', { exact: false }).waitFor();
    await screenshot(page, 'mail-template-sms-preview');
    await page.getByRole('button', { name: /Close|关闭/ }).click();
    await screenshot(page, 'mail-templates-sms');

    // 常用回复
    await page.getByRole('tab', { name: '常用回复' }).click();
    await page.getByTestId('macro-add').click();
    const macroTitle = `预约上门 ${run}`;
    await page.getByTestId('macro-title').fill(macroTitle);
    await page.getByTestId('macro-body').fill('{customer}您好，工单 {number} 已安排工程师明天上门。');
    await page.getByTestId('macro-save').click();
    await page.getByTestId('macros-table').getByText(macroTitle).waitFor();
    await screenshot(page, 'mail-macros');

    // A ticket for a customer with an e-mail; the reply from the macro goes out by mail.
    const email = `cust-${run}@customer.test`;
    const ticket = await apiCall<{ id: string; number: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: '复印机卡纸',
      customer: { name: `邮件客户${run}`, kind: 'person', email, confirmNew: true },
    });
    await until(() => smtp.to(email).length === 1); // the receipt with the number
    expect(smtp.to(email)[0]!.mail.subject).toContain(ticket.number);
    await page.goto(`/tickets/${ticket.id}`);
    await clickOption(page, 'macro-picker', macroTitle);
    await expect.poll(() => page.getByTestId('composer-body').inputValue()).toContain(`工单 ${ticket.number} 已安排工程师`);
    await page.getByTestId('composer-send').click();
    const tag = page.locator('[data-type="public_reply"]').getByTestId('reply-delivery');
    await expect.poll(() => tag.getAttribute('data-status'), { timeout: 30_000 }).toBe('sent');
    await expect.poll(() => tag.textContent()).toBe('邮件已送达服务器');
    await until(() => smtp.to(email).length === 2);
    expect(smtp.to(email)[1]!.mail.text).toContain('已安排工程师明天上门');
    await screenshot(page, 'mail-ticket-delivered');

    await apiCall(page, 'DELETE', '/message-templates/email/progress/zh-CN');
  });

  test('the mail pages read in English and fit a tablet', async () => {
    const w = await openContext(browser, { locale: 'en-US', viewport: { width: 820, height: 1180 }, touch: true });
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'admin', '/admin/mail', ADMIN_PASSWORD);
    await page.getByTestId('smtp-form').waitFor();
    const text = await page.locator('main, .ant-layout-content').first().innerText();
    if (!/Outgoing mail/.test(text)) {
      // The stored UI language is Chinese: switch to English like a user.
      await page.getByText('EN', { exact: true }).click();
    }
    await page.getByRole('tab', { name: 'Outgoing mail' }).waitFor();
    const smtpText = await page.getByTestId('smtp-form').innerText();
    expect(smtpText).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'mail-settings-tablet-en');
    await page.getByRole('tab', { name: 'Message templates' }).click();
    await page.getByTestId('template-channel').getByText('Group robots').click();
    await page.getByTestId('templates-table').getByText('SLA about to breach').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'mail-templates-robot-tablet-en');
    // The admin's language is stored on the user: leave it Chinese for the other browser tests.
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('tab', { name: '发信设置' }).waitFor();
  });

  // 收信邮箱: a hosted mailbox (a private dovecot here) polled over IMAP; CI installs dovecot-imapd.
  test.skipIf(!dovecotInstalled())(
    'an admin connects the support mailbox over IMAP; the waiting mail becomes a ticket',
    async () => {
      const dovecot = await startDovecot();
      const w = await openContext(browser);
      opened.push(w);
      const { page } = w;
      try {
        const token = `imap${randomUUID().slice(0, 8)}`;
        const subject = `IMAP收信 ${token} 打印机不进纸`;
        await dovecot.deliver(
          [
            `From: 钱女士 <${token}@customer.example.cn>`,
            'To: service@shouhou.example.cn',
            `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
            `Message-ID: <${token}@customer.example.cn>`,
            'MIME-Version: 1.0',
            'Content-Type: text/plain; charset=utf-8',
            'Content-Transfer-Encoding: 8bit',
            '',
            '你好，打印机从昨天开始不进纸，请安排维修。',
            '',
          ].join('\r\n'),
        );
        await loginTo(page, 'admin', '/admin/mail', ADMIN_PASSWORD);
        await page.getByRole('tab', { name: '收信邮箱' }).click();
        const form = page.getByTestId('imap-form');
        await form.waitFor();
        await page.getByTestId('imap-host').fill(dovecot.host);
        // Choosing the encryption fills its usual port: the port comes after.
        await pickOption(page, form.getByLabel('加密方式'), '不加密');
        await page.getByTestId('imap-port').fill(String(dovecot.port));
        await form.getByLabel('用户名').fill(dovecot.user);
        await form.getByLabel('密码').fill(dovecot.password);
        await form.getByLabel('轮询间隔（秒）').fill('10');
        await page.getByTestId('imap-save').click();
        await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
        await page.getByTestId('imap-test').click();
        await page.locator('.ant-message', { hasText: '连接成功' }).waitFor();
        await screenshot(page, 'mail-imap');

        // The server's poller files it through the same inbound path as the SMTP listener.
        const found = async () =>
          (await apiCall<{ items: { title: string; channel: string }[] }>(page, 'GET', `/tickets?q=${token}`)).items.filter((x) => x.title.includes(token));
        await expect.poll(async () => (await found()).map((x) => x.channel), { timeout: 60_000 }).toEqual(['email']);
        expect((await found())[0]!.title).toContain('打印机不进纸');
      } finally {
        // The shared server polls nothing once this test is done.
        await apiCall(page, 'DELETE', '/mail/imap').catch(() => undefined);
        await dovecot.stop();
      }
    },
    150_000,
  );
});
