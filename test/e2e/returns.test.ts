import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, pickOption, screenshot, takeErrors, type Watched } from './browser';

// A no-reason online return as people do it (issue 12): the agent takes the request on the ticket
// page (partial return of a two-piece order), approves it with the return address, records the
// customer's courier and tracking number; logistics receives and inspects it from the 物流 list; the
// agent decides the refund with the attribution; finance approves and marks it paid with the bank's
// reference, and the paid refund shows in the 已付款 tab.
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
async function confirmModal(page: Page, testId: string) {
  await page.getByTestId(`${testId}-ok`).click();
  await page.locator('.ant-modal-wrap').last().waitFor({ state: 'hidden' });
}

describe('returns and refunds in the browser', () => {
  test('a no-reason online return from request through inspection to refund paid', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const desk = await ctx();
    await loginTo(desk.page, 'agent', '/tickets');
    const customer = await apiCall<{ id: string }>(desk.page, 'POST', '/customers', {
      name: `钱女士${suffix}`,
      contacts: [{ name: '钱女士', phone: '13700001234', address: '上海市徐汇区漕溪北路 1 号' }],
      confirmNew: true,
    });
    const ticket = await apiCall<{ id: string; number: string }>(desk.page, 'POST', '/tickets', {
      channel: 'web',
      requestType: 'return',
      description: '网购的蓝牙音箱不想要了，申请七天无理由退货',
      customerId: customer.id,
    });

    // The request, on the ticket page.
    await desk.page.goto(`/tickets/${ticket.id}`);
    await desk.page.getByTestId('rma-panel').waitFor();
    await desk.page.getByTestId('rma-new').click();
    const received = new Date(Date.now() - 2 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await desk.page.getByTestId('rma-received-on').click();
    await desk.page.keyboard.type(received);
    await desk.page.keyboard.press('Enter');
    await desk.page.getByTestId('rma-proof').fill(`订单 TM-${suffix}`);
    await desk.page.getByTestId('rma-description').fill('未拆封，包装完好，不想要了');
    await desk.page.getByTestId('rma-item-model').fill('SP-200');
    await desk.page.getByTestId('rma-item-name').fill('蓝牙音箱');
    await desk.page.getByTestId('rma-item-ordered').fill('2');
    await desk.page.getByTestId('rma-item-price').fill('199');
    await confirmModal(desk.page, 'rma-new');
    const number = `${ticket.number}-T1`;
    const card = desk.page.getByTestId(`rma-${number}`);
    await card.waitFor();
    expect(await card.getByTestId('rma-status').textContent()).toBe('待审核');
    // 转争议 is for managers: the agent's card has no such button.
    expect(await card.getByTestId('rma-dispute').count()).toBe(0);

    // Review: approved with the return address; the customer's parcel is recorded.
    await card.getByTestId('rma-approve').click();
    await desk.page.getByTestId('rma-return-address').fill('上海市浦东新区张江路 88 号 售后仓');
    await confirmModal(desk.page, 'rma-approve');
    await card.getByText(`RMA-${number}`).waitFor();
    expect(await card.getByTestId('rma-status').textContent()).toBe('已批准，待客户寄回');
    await card.getByTestId('rma-customer-shipped').click();
    await desk.page.getByTestId('rma-courier').fill('顺丰速运');
    await desk.page.getByTestId('rma-tracking').fill(`SF${suffix}`);
    await confirmModal(desk.page, 'rma-customer-shipped');
    await card.getByTestId('rma-status').filter({ hasText: '客户已寄出' }).waitFor();

    // Logistics: received and inspected from the 物流 list.
    const wh = await ctx();
    await loginTo(wh.page, 'logistics', '/logistics');
    const row = wh.page.getByTestId('logistics-list').locator('tr', { hasText: `RMA-${number}` });
    await row.waitFor();
    expect(await row.textContent()).toContain(`顺丰速运 SF${suffix}`);
    await row.getByTestId('rma-receive').click();
    await row.getByTestId('rma-status').filter({ hasText: '已签收，待检验' }).waitFor();
    await screenshot(wh.page, 'returns-logistics');
    await row.getByTestId('rma-inspect').click();
    await wh.page.getByTestId('rma-condition').fill('包装完好，未拆封，配件齐全');
    await confirmModal(wh.page, 'rma-inspect');
    await row.waitFor({ state: 'detached' });

    // The outcome: refund, responsibility with the customer (no reason).
    await desk.page.reload();
    await card.getByTestId('rma-status').filter({ hasText: '已检验' }).waitFor();
    await card.getByTestId('rma-outcome').click();
    await pickOption(desk.page, 'rma-attribution', '客户原因');
    await confirmModal(desk.page, 'rma-outcome');
    await card.getByTestId('rma-status').filter({ hasText: '已转退款' }).waitFor();
    expect(await card.getByTestId('rma-attribution-label').textContent()).toBe('客户原因');
    // The customer was told each step (public notices on the timeline, named in Chinese).
    await desk.page.getByText('您的退换货申请已通过').first().waitFor();
    expect(await desk.page.getByText('通知客户').count()).toBeGreaterThan(0);
    expect(await desk.page.getByText('rma_status_changed').count()).toBe(0);
    await screenshot(desk.page, 'returns-ticket-panel');

    // Finance: approve and pay; the refund is ¥199.00 (one piece, no shipping for a no-reason return).
    const fin = await ctx();
    await loginTo(fin.page, 'finance', '/finance');
    const refundRow = fin.page.getByTestId('refund-list').locator('tr', { hasText: `${ticket.number}-F1` });
    await refundRow.waitFor();
    expect(await refundRow.textContent()).toContain('¥199.00');
    expect(await refundRow.textContent()).toContain('支付宝');
    await screenshot(fin.page, 'returns-finance-due');
    await refundRow.getByTestId('refund-approve').click();
    await refundRow.getByTestId('refund-status').filter({ hasText: '已审批，待付款' }).waitFor();
    await refundRow.getByTestId('refund-pay').click();
    await fin.page.getByTestId('refund-reference').fill(`ALIPAY-${suffix}`);
    await confirmModal(fin.page, 'refund-pay');
    await fin.page.getByRole('tab', { name: '已付款' }).click();
    const paidRow = fin.page.getByTestId('refund-list').locator('tr', { hasText: `${ticket.number}-F1` });
    await paidRow.waitFor();
    expect(await paidRow.getByTestId('refund-status').textContent()).toBe('已付款');
    expect(await paidRow.textContent()).toContain(`ALIPAY-${suffix}`);
    await screenshot(fin.page, 'returns-finance-paid');

    // Back on the ticket: the RMA card shows its refund paid.
    await desk.page.reload();
    await card.getByTestId('rma-refund').waitFor();
    expect(await card.getByTestId('rma-refund').textContent()).toContain('¥199.00 · 已付款');
  });

  test('a manager takes an RMA the customer contests to a dispute; the RMA card links to it', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const { page } = await ctx();
    await loginTo(page, 'manager', '/tickets');
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
      name: `孙先生${suffix}`,
      contacts: [{ name: '孙先生', phone: '13700004321' }],
      confirmNew: true,
    });
    const ticket = await apiCall<{ id: string; number: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'return',
      description: '收到的控制器外壳破裂，要求退货',
      customerId: customer.id,
    });
    await apiCall(page, 'POST', `/tickets/${ticket.id}/rmas`, {
      kind: 'return',
      reason: 'quality',
      salesChannel: 'online',
      proofOfPurchase: `订单 JD-${suffix}`,
      receivedOn: new Date(Date.now() - 2 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10),
      description: '外壳破裂',
      items: [{ model: 'CTL-100', name: '控制器', orderedQuantity: 1, quantity: 1, unitPriceFen: 129_900 }],
      paymentMethod: 'alipay',
    });
    await page.goto(`/tickets/${ticket.id}`);
    const card = page.getByTestId(`rma-${ticket.number}-T1`);
    await card.getByTestId('rma-dispute').click();
    await page.getByTestId('rma-dispute-claim').fill('外壳破裂为运输所致，要求全额退款');
    await page.getByTestId('rma-dispute-reason').fill('客户不接受扣减，要求第三方调解');
    await screenshot(page, 'returns-dispute-modal');
    await page.getByTestId('rma-dispute-ok').click();
    await page.waitForURL(/\/disputes\//);
    const body = page.locator('main');
    await expect.poll(() => body.textContent()).toContain('外壳破裂为运输所致，要求全额退款');
    expect(await body.textContent()).toContain('协商');
    await screenshot(page, 'returns-dispute-page');

    await page.goto(`/tickets/${ticket.id}`);
    const link = card.getByTestId('rma-dispute-link');
    await link.waitFor();
    expect(await link.textContent()).toMatch(/客户对此单有争议：\s*查看争议 ZY\d{8}-/);
    expect(await card.getByTestId('rma-dispute').count()).toBe(0);
    // The ticket's timeline tells it in Chinese.
    await page.getByText('退换货转争议').first().waitFor();
  });
});
