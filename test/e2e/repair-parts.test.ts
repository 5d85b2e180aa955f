import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// 维修用料 in the browser (issue 11): an in-warranty free repair quoted with a catalogue part from
// 陈工's personal stock (demo: src/seed/demo-parts.ts gives him 4 × 散热风扇 80mm PSU-FAN-80). The part
// is reserved when the customer approves, consumed when the engineer saves the on-site record on his
// tablet (the form lists the quoted parts), and the replaced fan is then an outstanding old part.
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

type Level = { items: { onHand: number; reserved: number; available: number }[] };
type RepairView = { id: string; number: string; parts: { partNumber: string; quantity: number; state: string }[]; quote: { totalFen: number } };

describe('repairs use parts in the browser', () => {
  test('an in-warranty free repair uses a fan from the engineer’s stock; the old fan is outstanding', async () => {
    const suffix = Date.now().toString(36).toUpperCase();
    const desk = await ctx();
    await loginTo(desk.page, 'manager', '/tickets');
    const models = await apiCall<{ items: { id: string; modelNumber: string }[] }>(desk.page, 'GET', '/product-models?q=PSU-2400');
    const model = models.items.find((m) => m.modelNumber === 'PSU-2400')!;
    const serial = `SN-PARTS-${suffix}`;
    const unit = await apiCall<{ id: string }>(desk.page, 'POST', '/serial-units', {
      serialNumber: serial,
      productModelId: model.id,
      purchaseDate: '2026-06-01',
    });
    const customer = await apiCall<{ id: string }>(desk.page, 'POST', '/customers', {
      name: `昆山华力自动化有限公司${suffix}`,
      contacts: [{ name: '孙工', phone: '13812345678', address: '江苏省昆山市开发区前进东路88号' }],
      confirmNew: true,
    });
    const ticket = await apiCall<{ id: string; number: string }>(desk.page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'repair',
      description: '电源模块过热报警，风扇不转',
      customerId: customer.id,
      serialUnitId: unit.id,
    });
    const repair = await apiCall<RepairView>(desk.page, 'POST', `/tickets/${ticket.id}/repairs`, {
      mode: 'field',
      siteAddress: '江苏省昆山市开发区前进东路88号',
    });
    await apiCall(desk.page, 'PUT', `/repairs/${repair.id}/diagnosis`, {
      diagnosisMode: 'remote',
      faultCategory: 'power',
      cause: 'quality',
      findings: '散热风扇轴承卡死',
    });
    const fan = (await apiCall<{ items: { id: string; partNumber: string }[] }>(desk.page, 'GET', '/parts?q=PSU-FAN-80')).items.find(
      (p) => p.partNumber === 'PSU-FAN-80',
    )!;
    const chenStock = (await apiCall<{ items: { id: string; code: string }[] }>(desk.page, 'GET', '/warehouses')).items.find((w) => w.code === 'ENG-CHEN')!;
    const stock = async () => (await apiCall<Level>(desk.page, 'GET', `/stock?warehouseId=${chenStock.id}&partId=${fan.id}`)).items[0]!;
    const before = await stock();
    // The catalogue prices the part line (the typed price is replaced); in warranty it is free.
    const quoted = await apiCall<RepairView>(desk.page, 'PUT', `/repairs/${repair.id}/quote`, {
      plan: '上门更换散热风扇',
      warehouseId: chenStock.id,
      lines: [
        { kind: 'part', partId: fan.id, code: 'PSU-FAN-80', name: '散热风扇 80mm', unitPriceFen: 0, quantity: 1, free: true },
        { kind: 'labour', code: 'L-ONSITE', name: '上门服务费', unitPriceFen: 10000, quantity: 1, free: true },
      ],
    });
    expect(quoted.quote.totalFen).toBe(0);
    await apiCall(desk.page, 'POST', `/repairs/${repair.id}/approval`, {
      method: 'phone',
      approverName: '孙工',
      decision: 'approve',
      quoteVersion: 1,
      note: '电话告知免费更换风扇，客户同意',
    });
    expect(await stock()).toMatchObject({ onHand: before.onHand, reserved: before.reserved + 1 });
    const users = await apiCall<{ items: { id: string; username: string }[] }>(desk.page, 'GET', '/users');
    await apiCall(desk.page, 'POST', `/repairs/${repair.id}/dispatch`, { engineerId: users.items.find((u) => u.username === 'engineer')!.id });

    // 陈工 on his tablet: accept, check in, work, and the on-site record lists the quoted fan.
    const tablet = await ctx({ viewport: { width: 1024, height: 768 }, touch: true });
    const eng = tablet.page;
    await loginTo(eng, 'engineer', '/repairs/tasks');
    const task = eng.getByTestId(`task-${repair.number}`);
    await task.waitFor();
    expect(await task.textContent()).toContain('散热风扇 80mm（PSU-FAN-80）× 1');
    await task.getByTestId('repair-accept').click();
    await task.getByTestId('repair-checkin').click();
    await task.getByText(/签到 \d{4}-\d{2}-\d{2}/).waitFor();
    await task.getByTestId('repair-move-in_repair').click();
    await task.locator('.ant-tag', { hasText: '维修中' }).waitFor();
    await task.getByTestId('repair-move-testing').click();
    await task.locator('.ant-tag', { hasText: '测试中' }).waitFor();
    await task.getByTestId('repair-onsite').click();
    await eng.getByTestId('onsite-test').fill('满载运行一小时，风扇转速正常，无过热报警');
    await screenshot(eng, 'repair-parts-onsite-tablet-zh');
    await confirmModal(eng, 'repair-onsite');
    await task.getByTestId('repair-sign').waitFor();

    const after = await apiCall<RepairView>(desk.page, 'GET', `/repairs/${repair.id}`);
    expect(after.parts).toEqual([expect.objectContaining({ partNumber: 'PSU-FAN-80', quantity: 1, state: 'consumed' })]);
    expect(await stock()).toMatchObject({ onHand: before.onHand - 1, reserved: before.reserved });

    // The replaced fan must come back: 旧件返还 lists it, outstanding, against the unit.
    await desk.page.goto('/parts/old-parts');
    const table = desk.page.getByTestId('old-parts-table');
    const row = table.locator('tr', { hasText: serial });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    for (const s of ['PSU-FAN-80 散热风扇 80mm', 'PSU-2400', '维修单', '陈工程师个人库']) expect(text).toContain(s);
    await screenshot(desk.page, 'repair-parts-old-parts-zh');
  });
});
