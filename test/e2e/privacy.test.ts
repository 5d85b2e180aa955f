import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// 个人信息权利请求 (PIPL Arts 45–47): a manager registers a customer's export request on the page,
// verifies identity, sees the download links and the purge history. The server is shared: the test
// makes its own customer and finds its own row.
let browser: Browser;
const opened: Watched[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterEach(async () => {
  expect(await takeErrors(opened)).toEqual([]);
});
afterAll(async () => {
  for (const w of opened) await w.context.close().catch(() => undefined);
  await browser?.close();
});

describe('personal-data requests page', () => {
  test('register, verify, download links, purge history — in Chinese', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'manager', '/tickets');
    const name = `隐私测试客户${Date.now()}`;
    await apiCall(page, 'POST', '/customers', { name, contacts: [{ name: '钱七', phone: '13912345678' }], confirmNew: true });

    await page.locator('[data-testid=main-menu] a[data-key="/privacy"]').click();
    await page.waitForURL(/\/privacy/);
    expect(await page.locator('[data-testid=main-menu] a[data-key="/privacy"]').textContent()).toBe('个人信息权利');
    await page.getByTestId('privacy-customer').click();
    await page.keyboard.type(name);
    await page.locator('.ant-select-item-option', { hasText: name }).click();
    await page.getByTestId('privacy-kind').click();
    await page.locator('.ant-select-item-option', { hasText: '导出副本' }).click();
    await page.getByTestId('privacy-register').click();
    const row = page.getByTestId('privacy-requests').locator('tr', { hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('已受理');
    await row.getByRole('button', { name: '核验身份' }).click();
    await page.locator('.ant-modal textarea').fill('回拨登记电话核实');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await row.getByTestId('privacy-json').waitFor();
    expect(await row.textContent()).toContain('身份已核验');
    await page.getByTestId('purge-runs').waitFor();
    await screenshot(page, 'privacy-requests');
  });

  test('a done erasure shows what it anonymised per kind, in Chinese', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'manager', '/tickets');
    const name = `删除测试客户${Date.now()}`;
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
      name,
      kind: 'person',
      contacts: [{ name: '孙八', phone: '13912345679' }],
      confirmNew: true,
    });
    const req = await apiCall<{ id: string }>(page, 'POST', '/privacy/requests', { customerId: customer.id, kind: 'erasure', channel: '书面申请' });
    await apiCall(page, 'POST', `/privacy/requests/${req.id}/transition`, { to: 'verified', verification: '核对身份证件' });
    await apiCall(page, 'POST', `/privacy/requests/${req.id}/transition`, { to: 'done' });

    await page.locator('[data-testid=main-menu] a[data-key="/privacy"]').click();
    await page.waitForURL(/\/privacy/);
    // The person's name is gone: the row is found by the request's customer id shown as 已匿名客户-<id>.
    const row = page.getByTestId('privacy-requests').locator('tr', { hasText: `已匿名客户-${customer.id.slice(0, 8)}` });
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const result = page.getByTestId('erasure-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    for (const label of ['匿名化结果', '联系人', '门户会话（已注销）', '投诉与争议', '维修单（地址、签字）', '退换货单', '回访记录', '删除完整'])
      expect(text).toContain(label);
    await screenshot(page, 'privacy-erasure-result');
  });
});
