import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// 三包判定 on the intake form and on the ticket page (issue 11): a serial number typed at intake shows
// the stage in Chinese, free or paid, and each reason with the rule it comes from.
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

/** The Shanghai calendar date `days` before now (the server judges claims in Asia/Shanghai). */
function shanghaiDaysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - days * 86_400_000),
  );
}

describe('warranty decision', () => {
  test('a serial number on the intake form shows the 三包 decision in Chinese; the ticket shows it as of receipt', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const page = w.page;
    await loginTo(page, 'manager', '/tickets'); // takes requests and may add a product model
    const suffix = Date.now().toString(36).toUpperCase();
    const model = await apiCall<{ id: string }>(page, 'POST', '/product-models', {
      modelNumber: `WD-${suffix}`,
      name: '工控主机',
      category: '电子类',
      warrantyMonths: 12,
    });
    const serialNumber = `SN-WD-${suffix}`;
    const unit = await apiCall<{ id: string }>(page, 'POST', '/serial-units', { serialNumber, productModelId: model.id, purchaseDate: shanghaiDaysAgo(3) });

    await page.getByTestId('main-menu').getByText('受理登记').click();
    const serialInput = page.getByTestId('serial-input').locator('input');
    await serialInput.fill(serialNumber);
    await page.getByTestId('serial-input').getByRole('button').click();
    const decision = page.getByTestId('warranty-decision');
    await decision.waitFor();
    expect(await page.getByTestId('warranty-stage').textContent()).toBe('三包期内：可退货、换货或修理');
    expect(await page.getByTestId('warranty-free').textContent()).toBe('免费');
    const reasons = page.getByTestId('warranty-reasons');
    await reasons.getByText('7 日内发生性能故障：可选择退货、换货或修理', { exact: true }).waitFor();
    expect(await reasons.textContent()).toContain('《部分商品修理更换退货责任规定》（1995）');
    expect(await reasons.textContent()).toContain('《民法典》第二百零二条');
    expect(await reasons.textContent()).not.toMatch(/Civil Code|rules|within_7_days/);
    await decision.scrollIntoViewIfNeeded();
    await screenshot(page, 'warranty-intake-zh');

    // The ticket page: the same decision as of the receipt date, in its own card.
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
      name: `华南自动化设备有限公司${suffix}`,
      contacts: [{ name: '李四', phone: '13912345678' }],
      confirmNew: true,
    });
    const ticket = await apiCall<{ id: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: '主机无法开机，电源指示灯不亮',
      customerId: customer.id,
      serialUnitId: unit.id,
    });
    await page.goto(`/tickets/${ticket.id}`);
    const card = page.getByTestId('ticket-warranty');
    await card.waitFor();
    expect(await card.textContent()).toContain(`按受理日期 ${shanghaiDaysAgo(0)} 判定`);
    expect(await card.getByTestId('warranty-stage').textContent()).toBe('三包期内：可退货、换货或修理');
    expect(await page.getByTestId('ticket-warranty-summary').textContent()).toContain('保修期内');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'warranty-ticket-zh');
  });
});
