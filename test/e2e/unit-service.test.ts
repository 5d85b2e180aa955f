import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD } from './global-setup';
import { apiCall, launch, loginTo, openContext, pickOption, screenshot, takeErrors, type Watched } from './browser';

// Issue 11's web forms: a unit's service records (维修/换货记录) and its model's main-part periods on
// the serial units page; the fault catalogue an admin maintains; the exclusion evidence stored with a
// ticket's 三包 decision and shown with the rule it rests on.
let browser: Browser;
const opened: Watched[] = [];
async function ctx(): Promise<Watched> {
  const w = await openContext(browser);
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

const suffix = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.toUpperCase();

async function unitWithModel(page: Page) {
  const s = suffix();
  const model = await apiCall<{ id: string }>(page, 'POST', '/product-models', {
    modelNumber: `US-${s}`,
    name: '工控主机',
    category: '电子类',
    warrantyMonths: 12,
  });
  const serialNumber = `SN-US-${s}`;
  const unit = await apiCall<{ id: string }>(page, 'POST', '/serial-units', { serialNumber, productModelId: model.id, purchaseDate: '2026-03-01' });
  return { model, unit, serialNumber };
}

/** Types a date into an antd picker input and confirms it. */
async function typeDate(page: Page, input: ReturnType<Page['locator']>, date: string) {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('serial unit service records and main parts', () => {
  test('an admin records a repair with parts waiting and an exchange, and sets the model’s main parts', async () => {
    const { page } = await ctx();
    await loginTo(page, 'admin', '/tickets', ADMIN_PASSWORD);
    const { unit, serialNumber } = await unitWithModel(page);
    await page.goto('/serial-units');
    await page.getByPlaceholder('序列号').fill(serialNumber);
    await page.getByPlaceholder('序列号').press('Enter');
    await page.getByTestId(`unit-service-${serialNumber}`).click();
    const history = page.getByTestId('unit-service-history');
    await history.waitFor();
    await history.getByText('暂无记录').waitFor();

    const repair = page.getByTestId('unit-repair-form');
    const [from, to] = [repair.locator('.ant-picker-range input').nth(0), repair.locator('.ant-picker-range input').nth(1)];
    await from.click();
    await from.fill('2026-05-10');
    await to.click();
    await to.fill('2026-05-14');
    await to.press('Enter');
    const waiting = repair.locator('.ant-picker-range').nth(1).locator('input');
    await waiting.nth(0).click();
    await waiting.nth(0).fill('2026-05-06');
    await waiting.nth(1).click();
    await waiting.nth(1).fill('2026-05-10');
    await waiting.nth(1).press('Enter');
    await repair.getByLabel('备注').fill('更换电源模块');
    await repair.getByRole('button', { name: '登记维修' }).click();
    await history.locator('.ant-table-row').first().waitFor();
    await expect.poll(() => history.locator('.ant-table-row').first().textContent()).toContain('2026-05-10 ~ 2026-05-14');
    expect(await history.locator('.ant-table-row').first().textContent()).toContain('2026-05-06 ~ 2026-05-10');

    const exchange = page.getByTestId('unit-exchange-form');
    await typeDate(page, exchange.locator('.ant-picker input'), '2026-06-01');
    await exchange.getByRole('button', { name: '登记换货' }).click();
    await expect.poll(() => history.locator('.ant-table-row').count()).toBe(2);
    expect(await history.textContent()).toContain('换货');

    // 主要部件: the model's main board carries 36 months.
    const parts = page.getByTestId('model-main-parts');
    await parts.getByRole('button', { name: '添加部件' }).click();
    await parts.getByPlaceholder('部件名称').fill('主板');
    await parts.locator('.ant-input-number input').fill('36');
    await parts.getByRole('button', { name: '保存主要部件' }).click();
    await page.getByText('已保存').first().waitFor();
    const stored = await apiCall<{ items: { kind: string; from: string; to: string | null; partsWaiting: unknown }[] }>(
      page,
      'GET',
      `/serial-units/${unit.id}/service-history`,
    );
    expect(stored.items.map((i) => [i.kind, i.from, i.to])).toEqual(
      expect.arrayContaining([
        ['repair', '2026-05-10', '2026-05-14'],
        ['exchange', '2026-06-01', null],
      ]),
    );
    expect(await page.locator('.ant-drawer-body').textContent()).not.toMatch(/\b(repair|exchange|staff)\b/);
    await screenshot(page, 'unit-service-records-zh');
  });
});

describe('fault catalogue', () => {
  test('an admin adds a category to the cable list and retires it', async () => {
    const { page } = await ctx();
    await loginTo(page, 'admin', '/tickets', ADMIN_PASSWORD);
    await page.locator('[data-testid=main-menu] a[data-key="/admin/fault-categories"]').click();
    await page.getByTestId('fault-catalogue-page').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByTestId('fault-catalogue-page').textContent()).toContain('电源故障');
    const code = `bent_pin_${suffix().toLowerCase()}`;
    await page.getByRole('button', { name: '新增故障类别' }).click();
    const modal = page.locator('.ant-modal:visible');
    await pickOption(page, modal.locator('.ant-select').first(), '线缆类');
    await modal.getByLabel('代码').fill(code);
    await modal.getByLabel('名称', { exact: true }).fill('插针弯曲');
    await modal.getByLabel('英文名称').fill('Bent pin');
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    const row = page.locator('.ant-table-row', { hasText: '插针弯曲' });
    await row.waitFor();
    expect(await row.textContent()).toContain('线缆类');
    expect(await row.textContent()).not.toContain(code); // codes stay out of the Chinese screen
    const offered = () =>
      apiCall<{ items: { code: string }[] }>(page, 'GET', `/repairs/fault-categories?productCategory=${encodeURIComponent('线缆类')}`).then((r) =>
        r.items.map((i) => i.code),
      );
    expect(await offered()).toContain(code);
    await row.getByRole('switch').click();
    await expect.poll(offered).not.toContain(code);
    await screenshot(page, 'fault-catalogue-zh');
  });
});

describe('warranty exclusion evidence', () => {
  test('recorded on the ticket with a photo, it is shown and the decision cites it', async () => {
    const { page } = await ctx();
    await loginTo(page, 'manager', '/tickets');
    const { unit } = await unitWithModel(page);
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
      name: `华东精密机械有限公司${suffix()}`,
      contacts: [{ name: '王五', phone: '13812345679' }],
      confirmNew: true,
    });
    const ticket = await apiCall<{ id: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: '设备外壳摔裂，无法开机',
      customerId: customer.id,
      serialUnitId: unit.id,
    });
    // A photo of the damage, uploaded as the attachments section does.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
    const up = await page.request.post(`/api/v1/tickets/${ticket.id}/attachments`, {
      multipart: { file: { name: '外壳摔裂.png', mimeType: 'image/png', buffer: png } },
    });
    expect(up.status()).toBe(201);

    await page.goto(`/tickets/${ticket.id}`);
    const card = page.getByTestId('ticket-warranty');
    await card.waitFor();
    expect(await card.getByTestId('warranty-free').textContent()).toBe('免费');
    await card.getByTestId('record-exclusion').click();
    const form = page.getByTestId('exclusion-form');
    await form.waitFor();
    await form.getByLabel('检查所见').fill('外壳右侧摔裂，主板断裂，属人为损坏');
    const files = form.locator('.ant-select').nth(1);
    // The chosen photo shows as a tag in the field before the form is sent. Under a loaded shared
    // server the ticket's file list can arrive while the list is open and re-render it under the
    // click (CI twice saw the pick not taken): pick again until the tag shows, never clicking an
    // option that is already chosen (that would un-choose it).
    const tag = files.locator('.ant-select-selection-item', { hasText: '外壳摔裂.png' });
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '外壳摔裂.png' });
    for (let attempt = 0; !(await tag.isVisible()); attempt++) {
      if (attempt >= 4) throw new Error('外壳摔裂.png not chosen after 4 tries');
      if (!(await option.isVisible())) await files.click();
      if ((await option.getAttribute('aria-selected', { timeout: 15_000 })) !== 'true') await option.click();
      await tag.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
    await page.keyboard.press('Escape');
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    const evidence = card.getByTestId('warranty-evidence');
    await evidence.waitFor();
    expect(await evidence.textContent()).toContain('外壳右侧摔裂');
    expect(await evidence.textContent()).toContain('使用不当/人为损坏');
    await evidence.locator('img').waitFor();
    await expect.poll(() => card.getByTestId('warranty-free').textContent()).toBe('收费');
    expect(await card.getByTestId('warranty-reasons').textContent()).toContain('外壳摔裂.png');
    await page.getByText('登记三包除外证据').first().waitFor(); // on the timeline, in Chinese
    expect(await page.locator('body').textContent()).not.toContain('warranty_exclusion_recorded');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'warranty-exclusion-evidence-zh');
  });
});

describe('return-to-factory work record', () => {
  test('the factory records its work: the reserved part is consumed and the old part must come back', async () => {
    const { page } = await ctx();
    await loginTo(page, 'manager', '/tickets');
    const s = suffix();
    const { unit } = await unitWithModel(page);
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
      name: `苏州返修测试有限公司${s}`,
      contacts: [{ name: '赵六', phone: '13712345670' }],
      confirmNew: true,
    });
    const ticket = await apiCall<{ id: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: '主板故障，需返厂维修',
      customerId: customer.id,
      serialUnitId: unit.id,
    });
    const wh = await apiCall<{ id: string }>(page, 'POST', '/warehouses', { code: `WH-F-${s}`, name: `返修中心库${s}`, kind: 'central' });
    const part = await apiCall<{ id: string; partNumber: string }>(page, 'POST', '/parts', {
      partNumber: `MB-${s}`,
      name: '主控板',
      unitPriceFen: 45000,
      lowStockThreshold: 0,
    });
    await apiCall(page, 'POST', '/stock/receipts', { warehouseId: wh.id, partId: part.id, quantity: 2, reason: '采购入库' });
    const r = await apiCall<{ id: string; number: string }>(page, 'POST', `/tickets/${ticket.id}/repairs`, { mode: 'factory' });
    await apiCall(page, 'PUT', `/repairs/${r.id}/diagnosis`, { diagnosisMode: 'remote', faultCategory: 'no_boot', cause: 'quality', findings: '主控板无输出' });
    await apiCall(page, 'PUT', `/repairs/${r.id}/quote`, {
      plan: '更换主控板',
      lines: [{ kind: 'part', partId: part.id, code: 'X', name: 'X', unitPriceFen: 1, quantity: 1, free: true }],
      warehouseId: wh.id,
    });
    await apiCall(page, 'POST', `/repairs/${r.id}/approval`, { method: 'phone', approverName: '赵六', decision: 'approve', quoteVersion: 1, note: '电话确认' });
    await apiCall(page, 'POST', `/repairs/${r.id}/pickup`, { courier: '顺丰速运', trackingNumber: `SF${Date.now()}` });
    await apiCall(page, 'POST', `/repairs/${r.id}/receipt`, { note: '外观完好' });
    await apiCall(page, 'POST', `/repairs/${r.id}/transitions`, { to: 'in_repair' });

    await page.goto(`/tickets/${ticket.id}`);
    const order = page.getByTestId(`repair-${r.number}`);
    await order.waitFor();
    await order.getByTestId('repair-factory-work').click();
    const modal = page.locator('.ant-modal:visible');
    // Prefilled from the quote: the catalogue part's code, name and quantity.
    await expect.poll(() => modal.locator('textarea').nth(1).inputValue()).toContain(part.partNumber);
    await page.getByTestId('factory-work').fill('更换主控板，老化测试 4 小时');
    await page.getByTestId('repair-factory-work-ok').click();
    await expect.poll(() => order.textContent()).toContain('更换主控板，老化测试 4 小时');
    const view = await apiCall<{ parts: { state: string }[] }>(page, 'GET', `/repairs/${r.id}`);
    expect(view.parts.map((p) => p.state)).toEqual(['consumed']);
    const old = await apiCall<{ items: { partId: string }[] }>(page, 'GET', `/parts/old-parts?outstanding=true&serialUnitId=${unit.id}`);
    expect(old.items.map((o) => o.partId)).toEqual([part.id]);
    expect(await page.locator('body').textContent()).not.toContain('repair_factory_work_recorded');
    await order.scrollIntoViewIfNeeded();
    await screenshot(page, 'repair-factory-work-zh');
  });
});
