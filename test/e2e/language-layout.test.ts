import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD } from './global-setup';
import { launch, login, openContext, screenshot, takeErrors, type Watched } from './browser';

// Issue 9 "Language and layout": Chinese screens show names, not codes or English; the queue fits a
// 1440 px screen; the phone header keeps the menu button off the page's tabs.
let browser: Browser;
const opened: Watched[] = [];
async function ctx(opts: Parameters<typeof openContext>[1] = {}): Promise<Watched> {
  const w = await openContext(browser, opts);
  opened.push(w);
  return w;
}
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

// Codes of the SLA vocabulary that once leaked into Chinese screens.
const CODES = /clock_|working_days|business_hours|24x7|cn-workdays|strictest|doc-0\d\d|\bsystem\b|Tightest|Mon–Fri/;
const codesIn = async (page: Page) => (await page.locator('body').innerText()).match(CODES)?.[0] ?? null;

describe('language and layout', () => {
  test('SLA admin pages and the queue show no codes or English in Chinese', async () => {
    const { page } = await ctx();
    await login(page, 'admin', ADMIN_PASSWORD);

    await page.goto('/admin/policies');
    await page.getByTestId('policy-detail').locator('[data-testid=rule-target]').first().waitFor();
    expect(await codesIn(page)).toBeNull();
    await page.getByTestId('policy-versions').click();
    await page.getByTestId('versions-drawer').locator('.ant-table-row').first().waitFor();
    expect(await codesIn(page)).toBeNull();
    await page.keyboard.press('Escape');

    await page.goto('/admin/calendars?cal=cn-workdays');
    await page.getByTestId('calendar-year').waitFor();
    expect(await codesIn(page)).toBeNull();
    // The year view names the holidays (2026 is a year of the official schedule).
    const yearShown = async () => Number((await page.getByTestId('year-label').innerText()).match(/\d{4}/)![0]);
    while ((await yearShown()) !== 2026) await page.getByTestId((await yearShown()) > 2026 ? 'year-prev' : 'year-next').click();
    const names = await page.getByTestId('holiday-name').allInnerTexts();
    for (const h of ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']) expect(names.join(' ')).toContain(h);

    await page.goto('/tickets');
    await page.getByTestId('queue-table').locator('.ant-table-row').first().waitFor();
    expect(await codesIn(page)).toBeNull();
  });

  test('the queue fits 1440 px; more columns are opt-in and remembered', async () => {
    const { page } = await ctx({ viewport: { width: 1440, height: 900 } });
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/tickets');
    const table = page.getByTestId('queue-table');
    await table.locator('.ant-table-row').first().waitFor();
    const overflow = () =>
      page.evaluate(() => {
        const doc = document.documentElement;
        const t = document.querySelector('[data-testid=queue-table] .ant-table-content, [data-testid=queue-table] .ant-table-body');
        return { page: doc.scrollWidth - doc.clientWidth, table: t ? t.scrollWidth - t.clientWidth : 0 };
      });
    expect(await overflow()).toEqual({ page: 0, table: 0 });
    await screenshot(page, 'language-queue-1440-zh');

    await page.getByTestId('queue-columns').click();
    await page.getByTestId('queue-column-options').getByText('渠道', { exact: true }).click();
    await table.locator('th', { hasText: '渠道' }).waitFor();
    await page.reload();
    await table.locator('.ant-table-row').first().waitFor();
    expect(await table.locator('th', { hasText: '渠道' }).count()).toBe(1);
    // Put the default back for the other tests of this user.
    await page.getByTestId('queue-columns').click();
    await page.getByTestId('queue-column-options').getByText('渠道', { exact: true }).click();
    await expect.poll(() => table.locator('th', { hasText: '渠道' }).count()).toBe(0);
  });

  test('on a phone the header is readable and the menu button does not cover the tabs', async () => {
    const { page } = await ctx({ viewport: { width: 390, height: 844 }, touch: true });
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.goto('/tickets');
    await page.getByTestId('queue-tabs').waitFor();
    expect(await page.locator('.ant-layout-sider-zero-width-trigger').count()).toBe(0);
    const button = (await page.getByTestId('menu-button').boundingBox())!;
    const tabs = (await page.getByTestId('queue-tabs').boundingBox())!;
    expect(button.y + button.height).toBeLessThanOrEqual(tabs.y);
    // The header fits the phone: nothing in it is pushed past the right edge.
    const right = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.ant-layout-header *')].map((e) => e.getBoundingClientRect().right)));
    expect(right).toBeLessThanOrEqual(390);
    await page.getByTestId('menu-button').click();
    await page.getByTestId('main-menu').getByText('受理登记').click();
    await page.getByTestId('description').waitFor();
    await screenshot(page, 'language-intake-phone-zh');
  });

  test('screenshots of the queue, the ticket page and the intake form in both languages', async () => {
    const { page } = await ctx();
    await login(page, 'admin', ADMIN_PASSWORD);
    try {
      for (const [label, lang] of [
        ['中文', 'zh'],
        ['EN', 'en'],
      ] as const) {
        await page.getByTestId('locale-switch').getByText(label, { exact: true }).click();
        await page.goto('/tickets');
        const first = page.getByTestId('queue-table').locator('.ant-table-row').first();
        await first.waitFor();
        await screenshot(page, `language-queue-${lang}`);
        await first.locator('a').first().click();
        await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
        await page.getByTestId('timeline-event').first().waitFor();
        if (lang === 'zh') expect(await codesIn(page)).toBeNull();
        await screenshot(page, `language-ticket-${lang}`);
        await page.goto('/tickets/new');
        await page.getByTestId('description').waitFor();
        await screenshot(page, `language-intake-${lang}`);
      }
    } finally {
      // The choice is stored on the user: leave admin in Chinese for the other browser tests.
      await page.getByTestId('locale-switch').getByText('中文', { exact: true }).click();
    }
  });
});
