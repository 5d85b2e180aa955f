import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, pickOption, screenshot, takeErrors, type Watched } from './browser';

// 派单 as a service manager does it (issue 11): record an engineer's skills and region on the
// settings page, find a new on-site order on the dispatch board (派单看板), open its candidates with
// the reasons, dispatch it in one click and see it under the engineer — at 1440px and on a tablet.
// The shared server holds demo data and other tests' orders: everything here is found by its own
// team name, never by counts.
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

async function ctx(opts: Parameters<typeof openContext>[1] = {}) {
  const w = await openContext(browser, opts);
  opened.push(w);
  return w;
}

async function fieldOrder(page: Page, suffix: string, team: string) {
  const model = await apiCall<{ id: string }>(page, 'POST', '/product-models', {
    modelNumber: `DP-${suffix}`,
    name: '工业电源模块',
    category: '电子类',
    warrantyMonths: 24,
  });
  const unit = await apiCall<{ id: string }>(page, 'POST', '/serial-units', {
    serialNumber: `SN-DP-${suffix}`,
    productModelId: model.id,
    purchaseDate: '2026-06-01',
  });
  const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
    name: `上海派单测试机电有限公司${suffix}`,
    contacts: [{ name: '钱工', phone: '13612345678', address: '上海市浦东新区张江路88号' }],
    confirmNew: true,
  });
  const ticket = await apiCall<{ id: string }>(page, 'POST', '/tickets', {
    channel: 'phone',
    requestType: 'repair',
    description: '电源模块无输出，产线停机',
    customerId: customer.id,
    serialUnitId: unit.id,
    team,
  });
  return apiCall<{ id: string; number: string }>(page, 'POST', `/tickets/${ticket.id}/repairs`, { mode: 'field', siteAddress: '上海市浦东新区张江路88号' });
}

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe('dispatch board in the browser', () => {
  test('a manager records skills, sees the candidates with reasons and dispatches in one click', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const team = `派单测试组${suffix}`;
    const { page } = await ctx();
    await loginTo(page, 'manager', '/tickets');

    // 派单设置: 陈工程师 handles 电子类 in 华东, up to 30 open orders (the shared server's demo and other tests give him orders too).
    await page.goto('/dispatch/settings');
    await page.getByTestId('edit-skills-陈工程师').click();
    const form = page.getByTestId('skills-form');
    await form.waitFor();
    await pickOption(page, 'skills-categories', '电子类');
    await page.keyboard.press('Escape');
    const regions = page.getByTestId('skills-regions').locator('input');
    await regions.fill('华东');
    await regions.press('Enter');
    await form.locator('input#capacity').fill('30');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal-wrap').last().waitFor({ state: 'hidden' });
    const row = page.locator('tr', { has: page.getByTestId('edit-skills-陈工程师') });
    await expect.poll(async () => row.textContent()).toContain('华东');
    expect(await row.textContent()).toContain('电子类');
    await screenshot(page, 'dispatch-settings-1440');

    // A new on-site order of the team shows on the board, waiting.
    const repair = await fieldOrder(page, suffix, team);
    await page.goto('/dispatch');
    await page.getByTestId('dispatch-board').waitFor();
    await pickOption(page, 'board-team', team);
    const card = page.getByTestId(`board-order-${repair.number}`);
    await card.waitFor();
    expect(await page.getByTestId('board-undispatched').textContent()).toContain(`上海派单测试机电有限公司${suffix}`);
    expect(await noSideways(page)).toBe(true);
    await screenshot(page, 'dispatch-board-1440');

    // Candidates: 陈工程师 first, with the reasons; one click dispatches.
    await page.getByTestId(`candidates-${repair.number}`).click();
    const drawer = page.getByTestId('candidates-drawer');
    const chen = drawer.getByTestId('candidate-陈工程师');
    await chen.waitFor();
    const text = (await chen.textContent()) ?? '';
    expect(text).toContain('1. 陈工程师');
    expect(text).toContain('擅长电子类');
    expect(text).toContain('负责华东');
    expect(text).toContain('推荐');
    expect(await drawer.textContent()).toContain('不擅长电子类');
    await screenshot(page, 'dispatch-candidates-1440');
    await chen.getByTestId('assign-陈工程师').click();
    await page.locator('.ant-message', { hasText: '已派给 陈工程师' }).waitFor();
    const column = page.getByTestId('board-engineer-陈工程师');
    await column.getByTestId(`board-order-${repair.number}`).waitFor();
    expect(await column.textContent()).toContain('待接单');
    expect(await page.getByTestId('board-undispatched').textContent()).not.toContain(repair.number);
    const after = await apiCall<{ dispatch: { state: string; engineer: { displayName: string } } }>(page, 'GET', `/repairs/${repair.id}`);
    expect(after.dispatch).toMatchObject({ state: 'offered', engineer: { displayName: '陈工程师' } });
    // Dispatching closes the drawer: the board is photographed once it has slid away.
    await drawer.waitFor({ state: 'hidden' });
    await screenshot(page, 'dispatch-board-after-1440');
  });

  test('on a tablet the board stacks and fits the screen', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const team = `平板派单组${suffix}`;
    const { page } = await ctx({ viewport: { width: 820, height: 1180 }, touch: true });
    await loginTo(page, 'manager', '/tickets');
    const repair = await fieldOrder(page, suffix, team);
    await page.goto('/dispatch');
    await pickOption(page, 'board-team', team);
    await page.getByTestId(`board-order-${repair.number}`).waitFor();
    expect(await noSideways(page)).toBe(true);
    await page.getByTestId(`candidates-${repair.number}`).click();
    await page.getByTestId('candidate-陈工程师').waitFor();
    expect(await noSideways(page)).toBe(true);
    await screenshot(page, 'dispatch-candidates-tablet');
    await page.keyboard.press('Escape');
    await screenshot(page, 'dispatch-board-tablet');
  });
});
