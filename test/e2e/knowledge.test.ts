import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// 信息库 (issue 15): an agent writes an article from a resolved ticket in one click, a manager reviews
// and publishes it, and the intake form suggests it for a new caller describing the same fault.
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

describe('knowledge base', () => {
  test('article from a resolved ticket, reviewed, published, suggested on the intake form', async () => {
    const agent = await openContext(browser);
    const manager = await openContext(browser);
    opened.push(agent, manager);
    const a = agent.page;
    await loginTo(a, 'agent', '/tickets');
    const code = `KB${`${Date.now()}`.slice(-6)}`;
    const customer = await apiCall<{ id: string }>(a, 'POST', '/customers', {
      name: `常州恒力机电有限公司${code}`,
      contacts: [{ name: '钱工', phone: '13961236478' }],
      confirmNew: true,
    });
    const ticket = await apiCall<{ id: string }>(a, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      title: `变频器报警 ${code}`,
      description: `变频器上电后面板显示报警代码 ${code}，电机不启动`,
      customerId: customer.id,
    });
    await apiCall(a, 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    await apiCall(a, 'POST', `/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      resolution: { solutionType: 'consultation_training', summary: '指导客户恢复出厂参数后重新设置电机额定电流，报警消除' },
    });

    // One click on the resolved ticket's page: a draft prefilled from the ticket.
    await a.goto(`/tickets/${ticket.id}`);
    await a.getByTestId('kb-from-ticket').click();
    await a.waitForURL(/\/knowledge\/[0-9a-f-]{36}$/);
    const articleUrl = new URL(a.url()).pathname;
    await expect.poll(() => a.getByTestId('kb-solution').inputValue()).toContain('恢复出厂参数');
    expect(await a.getByTestId('kb-problem').inputValue()).toContain(code);
    await a.getByTestId('kb-cause').fill('电机额定电流参数被误改，过流保护触发');
    await a.getByTestId('kb-public').click();
    await a.getByTestId('kb-save').click();
    await a.getByText('已保存').waitFor();
    await a.getByTestId('kb-move-in_review').click();
    await a.locator('.ant-tag', { hasText: '审核中' }).waitFor();
    // The author cannot publish: the button is a reviewer's.
    expect(await a.getByTestId('kb-move-published').count()).toBe(0);
    await screenshot(a, 'kb-article-in-review');

    // The manager finds it among articles in review and publishes it.
    const m = manager.page;
    await loginTo(m, 'manager', '/knowledge');
    await m.getByTestId('kb-search').fill(code);
    await m.getByTestId('kb-search').press('Enter');
    await m.getByTestId('kb-table').getByText(`变频器报警 ${code}`).click();
    await m.waitForURL((u) => u.pathname === articleUrl);
    await m.getByTestId('kb-move-published').click();
    await m.locator('.ant-tag', { hasText: '已发布' }).waitFor();
    await screenshot(m, 'kb-article-published');

    // A new caller describes the same alarm: the intake form suggests the article and the solved ticket.
    await a.goto('/tickets/new');
    await a.getByTestId('description').fill(`客户来电：变频器显示报警 ${code}，电机无法启动`);
    const suggested = a.getByTestId('kb-suggested-article').filter({ hasText: code });
    await suggested.waitFor({ timeout: 10_000 });
    await expect.poll(() => a.getByTestId('kb-similar-ticket').filter({ hasText: code }).count()).toBeGreaterThan(0);
    await suggested.click();
    await a.getByTestId('kb-helpful').first().click();
    await a.getByText('已记录，谢谢').waitFor();
    await screenshot(a, 'kb-suggested-on-intake');
    const article = await apiCall<{ helpfulCount: number; status: string }>(a, 'GET', `/${articleUrl.replace('/knowledge/', 'knowledge/articles/')}`);
    expect(article).toMatchObject({ status: 'published', helpfulCount: 1 });
  });
});
