import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// Each role sees the queue tabs and ticket actions that mean something to it (issue 9).
let browser: Browser;
const opened: Watched[] = [];
async function ctx(): Promise<Watched> {
  const w = await openContext(browser);
  opened.push(w);
  return w;
}
const tabLabels = async (page: Page) => (await page.locator('[data-testid=queue-tabs] .ant-segmented-item-label').allTextContents()).map((s) => s.trim());
const selectedTab = async (page: Page) => (await page.locator('[data-testid=queue-tabs] .ant-segmented-item-selected').textContent())?.trim();

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

describe('pages that fit the role', () => {
  test('finance lands on resolved refunds, has no desk tabs, and may only write internal notes', async () => {
    const { page } = await ctx();
    await loginTo(page, 'finance', '/tickets');
    await page.getByTestId('queue-tabs').waitFor();
    expect(await tabLabels(page)).toEqual(['已解决·退款', '已解决·退货', '全部']);
    expect(await selectedTab(page)).toBe('已解决·退款');
    await page.locator('[data-testid=queue-table] .ant-table-tbody').waitFor();
    await screenshot(page, 'role-finance-queue');

    await page.getByTestId('queue-tabs').getByText('全部').click();
    await page.locator('[data-testid=queue-table] tr[data-number]').first().click();
    await page.getByTestId('composer-type').waitFor();
    expect((await page.locator('[data-testid=composer-type] .ant-segmented-item-label').allTextContents()).map((s) => s.trim())).toEqual(['内部备注']);
    expect(await page.locator('[data-testid=status-buttons]').count()).toBe(0);
    await screenshot(page, 'role-finance-ticket');
  });

  test('an agent has a 我受理的 tab and starts on the first tab with work in it', async () => {
    const { page } = await ctx();
    await loginTo(page, 'agent', '/tickets');
    await page.getByTestId('queue-tabs').waitFor();
    const tabs = await tabLabels(page);
    expect(tabs).toContain('我受理的');
    expect(tabs[0]).toBe('我的工单');
    // The work tabs in their order; the queue opens on the first that finds a ticket (issue 9).
    const me = await apiCall<{ team: string | null }>(page, 'GET', '/me');
    const work: [label: string, query: string][] = [
      ['我的工单', 'ownerId=me&open=true'],
      ['未分派', 'ownerId=none&open=true'],
      ...(me.team ? ([[`本组（${me.team}）`, `team=${encodeURIComponent(me.team)}&open=true`]] as [string, string][]) : []),
      ['已超时 / 即将超时', 'open=true&sla=at_risk'],
    ];
    let expected = '我的工单';
    for (const [label, query] of work) {
      if ((await apiCall<{ items: unknown[] }>(page, 'GET', `/tickets?${query}&limit=1`)).items.length > 0) {
        expected = label;
        break;
      }
    }
    await expect.poll(() => selectedTab(page)).toBe(expected);
    await page.getByTestId('queue-tabs').getByText('我受理的').click();
    await page.locator('[data-testid=queue-table] .ant-table-tbody').waitFor();
    await screenshot(page, 'role-agent-recorded');
    await page.locator('[data-testid=queue-table] tr[data-number]').first().click();
    await page.getByTestId('composer-type').waitFor();
    expect((await page.locator('[data-testid=composer-type] .ant-segmented-item-label').allTextContents()).map((s) => s.trim())).toContain('回复客户');
  });
});
