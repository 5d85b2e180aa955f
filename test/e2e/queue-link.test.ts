import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// The dashboard's click-through (issue 15): the queue applies the filters a link carries, and says
// which ones it cannot apply.
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

describe('queue opened from a dashboard link', () => {
  test('applies customer, channel and period from the URL and names the filters it cannot apply', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'manager', '/tickets');
    const suffix = `${Date.now()}`.slice(-6);
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
      name: `嘉兴瑞丰电气有限公司${suffix}`,
      contacts: [{ name: '孙工', phone: '13951239876' }],
      confirmNew: true,
    });
    const phone = await apiCall<{ number: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: '电话报修：控制器无输出',
      customerId: customer.id,
    });
    const mail = await apiCall<{ number: string }>(page, 'POST', '/tickets', {
      channel: 'email',
      requestType: 'repair',
      description: '邮件报修：控制器无输出',
      customerId: customer.id,
    });
    const today = new Date().toISOString().slice(0, 10);
    const rows = page.getByTestId('queue-table').locator('tr[data-number]');

    await page.goto(`/tickets?createdFrom=${encodeURIComponent(`${today}T00:00:00+08:00`)}&customerId=${customer.id}&channel=phone`);
    await page.getByTestId('queue-link-filters').waitFor();
    await expect.poll(() => rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-number')))).toEqual([phone.number]);
    // Every dimension the dashboard links with is applied now: no "cannot filter" notice.
    expect(await page.getByTestId('queue-link-not-applied').count()).toBe(0);
    await screenshot(page, 'queue-from-dashboard-link');

    await page.getByTestId('queue-link-clear').click();
    expect(new URL(page.url()).search).toBe('');
    await expect.poll(async () => (await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-number')))).includes(mail.number)).toBe(true);
  });
});
