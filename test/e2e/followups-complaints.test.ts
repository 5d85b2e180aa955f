import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// 回访 and 投诉/争议 as the service desk works them (issue 14, staff side): an agent calls a resolved
// ticket's customer from the follow-up list with the script beside the form, a rating of 3 opens the
// dedicated follow-up; a complaint is contacted, graded, handled, escalated to a dispute that goes
// through negotiation, mediation and arbitration, and its file downloads as a PDF. Own data only (the
// server is shared with the other browser tests).
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

async function customer(page: Page, suffix: string) {
  return apiCall<{ id: string }>(page, 'POST', '/customers', {
    name: `回访测试客户${suffix}`,
    contacts: [{ name: '李四', phone: '13912345678' }],
    confirmNew: true,
  });
}

describe('follow-ups, complaints and disputes in the browser', () => {
  test('a rating of 3 in the call form opens the dedicated follow-up', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const { page } = await ctx();
    await loginTo(page, 'manager', '/tickets');
    const c = await customer(page, suffix);
    const ticket = await apiCall<{ id: string; number: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: `设备间歇性死机${suffix}`,
      customerId: c.id,
    });
    await apiCall(page, 'PATCH', `/tickets/${ticket.id}`, { priority: 'important', priorityReason: '主要功能故障' });
    await apiCall(page, 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    await apiCall(page, 'POST', `/tickets/${ticket.id}/transitions`, { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换主板' } });

    await page.goto('/followups');
    await page.getByTestId('fu-search').locator('input').fill(ticket.number);
    await page.getByTestId('fu-search').locator('input').press('Enter');
    await page.getByTestId(`fu-call-${ticket.number}-routine`).click();
    await expect.poll(() => page.getByTestId('fu-script').innerText()).toContain(ticket.number);
    await page.locator('.ant-drawer .ant-rate-star').nth(2).click();
    await page.getByTestId('fu-comments').fill('工程师上门太晚');
    await screenshot(page, 'followup-call-form');
    await page.getByTestId('fu-submit').click();
    await page.getByTestId(`fu-call-${ticket.number}-special`).waitFor();
    await screenshot(page, 'followup-list-dedicated');
    const tasks = await apiCall<{ items: { kind: string; status: string; rating: number | null }[] }>(
      page,
      'GET',
      `/followups?status=all&ticketId=${ticket.id}`,
    );
    expect(tasks.items.map((x) => [x.kind, x.status, x.rating])).toEqual(
      expect.arrayContaining([
        ['routine', 'completed', 3],
        ['special', 'pending', null],
      ]),
    );
    expect((await apiCall<{ status: string }>(page, 'GET', `/tickets/${ticket.id}`)).status).toBe('resolved');
  });

  test('a complaint handled in its page, escalated, and a dispute through every stage with its PDF', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const { page } = await ctx();
    await loginTo(page, 'manager', '/tickets');
    const c = await customer(page, suffix);
    const complaint = await apiCall<{ id: string; number: string }>(page, 'POST', '/complaints', {
      customerId: c.id,
      description: `维修两次仍未修好，要求退货${suffix}`,
    });
    const body = await apiCall<{ id: string; name: string }>(page, 'POST', '/mediation-bodies', {
      name: `浦东新区消费者权益保护委员会${suffix}`,
      kind: 'consumer_association',
    });

    await page.goto('/complaints');
    await page.getByText(complaint.number).click();
    await page.getByTestId('cp-contact-note').fill('已电话告知处理流程，3 个工作日内答复');
    await page.getByTestId('cp-step-submit').click();
    await expect.poll(() => page.getByTestId('cp-status').innerText()).toBe('已联系客户');
    await page.getByTestId('cp-grade-reason').fill('涉及两次维修失败');
    await page.getByTestId('cp-grade-submit').click();
    await expect.poll(() => page.getByTestId('cp-status').innerText()).toBe('处理中');
    await screenshot(page, 'complaint-page');
    await page.getByTestId('cp-escalate').click();
    await page.getByTestId('cp-escalate-reason').fill('客户拒绝维修方案');
    await page.getByTestId('cp-escalate-claim').fill('退货并赔偿');
    await page.getByTestId('cp-step-submit').click();
    await page.getByTestId('dispute-page').waitFor();

    // 协商
    await page.getByTestId('dp-entry-text').fill('免费更换整机');
    await page.getByTestId('dp-entry-add').click();
    await expect.poll(() => page.getByTestId('dp-stage-negotiation').innerText()).toContain('免费更换整机');
    await page.getByTestId('dp-outcome').fill('协商未达成一致');
    await page.getByTestId('dp-outcome-save').click();
    await expect.poll(() => page.getByTestId('dp-stage-negotiation').innerText()).toContain('协商未达成一致');
    // 调解
    await page.getByTestId('dp-to-mediation').click();
    await page.getByTestId('dp-mediation-body').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: body.name }).click();
    await page.getByTestId('dp-move-submit').click();
    await page.getByTestId('dp-stage-mediation').waitFor();
    await page.getByTestId('dp-case-number').fill('浦消调〔2026〕9号');
    await page.getByTestId('dp-stage-save').click();
    await page.getByTestId('dp-doc-title').fill('调解终结书');
    await page.getByTestId('dp-doc-add').click();
    await page.getByTestId('dp-outcome').fill('调解不成');
    await page.getByTestId('dp-outcome-save').click();
    await expect.poll(() => page.getByTestId('dp-stage-mediation').innerText()).toContain('调解终结书');
    // 仲裁
    await page.getByTestId('dp-to-arbitration').click();
    await page.getByTestId('dp-body').fill('上海仲裁委员会');
    await page.getByTestId('dp-move-case').fill('（2026）沪仲案字第0789号');
    await page.getByTestId('dp-move-submit').click();
    await page.getByTestId('dp-stage-arbitration').waitFor();
    await page.getByTestId('dp-outcome').fill('裁决退货退款');
    await page.getByTestId('dp-outcome-save').click();
    await expect.poll(() => page.getByTestId('dp-stage-arbitration').innerText()).toContain('裁决退货退款');
    await page.getByTestId('dp-to-concluded').click();
    await page.getByTestId('dp-move-submit').click();
    await expect.poll(() => page.getByTestId('dp-status').innerText()).toBe('已结案');
    await screenshot(page, 'dispute-page');

    const href = await page.getByTestId('dp-pdf').getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // Tablet: the same page in one column.
    const tablet = await ctx({ viewport: { width: 820, height: 1180 }, touch: true });
    await loginTo(tablet.page, 'manager', page.url());
    await tablet.page.getByTestId('dp-stage-arbitration').waitFor();
    await screenshot(tablet.page, 'dispute-page-tablet');
    expect(await tablet.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  });
});
