import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { GATEWAY_KEYS, startFakeGateways, type FakeGateways } from '../helpers/channel-servers';
import { startCapture } from '../helpers/mail-capture';
import { ADMIN_PASSWORD } from './global-setup';
import { apiCall, launch, loginTo, openContext, RESULTS, screenshot, takeErrors, type Watched } from './browser';

// 客户自助 on a phone (390 × 844, touch): scan a unit's label → request a repair with an SMS code →
// track it → approve the repair quote → rate the service. Staff steps go through the API.
let browser: Browser;
let gw: FakeGateways;
const opened: Watched[] = [];
const run = Date.now().toString(36);

beforeAll(async () => {
  browser = await launch();
  gw = await startFakeGateways();
});
afterEach(async () => {
  expect(await takeErrors(opened)).toEqual([]);
});
afterAll(async () => {
  for (const w of opened) await w.context.close().catch(() => undefined);
  await browser?.close();
  await gw?.close();
});

/** The code in the latest SMS the stand-in gateway received for this phone (Aliyun TemplateParam). */
async function smsCode(phone: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      () => {
        const sms = gw.received.filter((r) => r.path.startsWith('/aliyun') && new URLSearchParams(r.body).get('PhoneNumbers') === phone).at(-1);
        code = sms ? (JSON.parse(new URLSearchParams(sms.body).get('TemplateParam') ?? '{}') as { code?: string }).code : undefined;
        return code;
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

/** The staff side: admin logged in, the SMS gateway pointed at the stand-in, a unit and its label link. */
async function staffWithUnit(purchaseDate: string, suffix: string) {
  const staff = await openContext(browser);
  opened.push(staff);
  await loginTo(staff.page, 'admin', '/tickets', ADMIN_PASSWORD);
  const api = <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => apiCall<T>(staff.page, method, path, body);
  await api('PUT', '/channels/sms/settings', {
    provider: 'aliyun',
    accessKeyId: GATEWAY_KEYS.aliyun.id,
    accessKeySecret: GATEWAY_KEYS.aliyun.secret,
    signName: '售后服务',
    templateCode: 'SMS_100001',
    templateNotice: 'SMS_100002',
    endpoint: `${gw.url}/aliyun/`,
    enabled: true,
  });
  const model = await api<{ id: string }>('POST', '/product-models', {
    modelNumber: `PT-${run}${suffix}`,
    name: '变频控制器',
    category: '电子类',
    warrantyMonths: 24,
  });
  const unit = await api<{ id: string; serialNumber: string }>('POST', '/serial-units', {
    serialNumber: `SN-P-${run}${suffix}`,
    productModelId: model.id,
    purchaseDate,
  });
  const { url } = await api<{ url: string }>('GET', `/portal/unit-links/${unit.id}`);
  return { api, unit, url };
}

describe('customer portal on a phone', () => {
  test('scan → request → track → approve quote → rate', async () => {
    const { api, unit, url } = await staffWithUnit('2026-06-01', '');
    expect(url).toMatch(/\/portal\/u\/[\w-]{20,}$/);

    const phoneCtx = await openContext(browser, { viewport: { width: 390, height: 844 }, touch: true });
    opened.push(phoneCtx);
    const { page } = phoneCtx;
    // 扫码: the label's link, as the phone camera or WeChat opens it.
    await page.goto(new URL(url).pathname);
    const card = page.getByTestId('portal-unit');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('在保修期内');
    expect(await card.textContent()).toContain(unit.serialNumber);
    await screenshot(page, 'portal-1-scanned-unit');

    await page.getByRole('button', { name: '一键报修' }).click();
    const form = page.getByTestId('portal-request');
    expect(await form.getByLabel('序列号').inputValue()).toBe(unit.serialNumber);
    const phone = `139${String(Date.now()).slice(-8)}`;
    await form.getByLabel('联系人').fill('王女士');
    await form.getByLabel('手机号').fill(phone);
    await form.getByRole('button', { name: '获取验证码' }).click();
    await form.getByText('验证码已发送').waitFor();
    await form.getByLabel('验证码').fill(await smsCode(phone));
    await form.getByLabel('故障描述').fill('开机后显示屏无反应，电源灯闪烁');
    await screenshot(page, 'portal-2-request');
    await form.getByRole('button', { name: '提交报修' }).click();
    const created = page.getByTestId('portal-created');
    await created.waitFor();
    const number = (await page.getByTestId('portal-number').textContent())!;
    const link = (await created.locator('a').getAttribute('href'))!;
    await screenshot(page, 'portal-3-created');
    await created.getByRole('button', { name: '查看进度' }).click();
    await expect.poll(() => page.getByTestId('portal-status').textContent()).toBe('已受理');

    // The desk takes it in and the engineer quotes (factory repair).
    const ticket = (await api<{ items: { id: string; number: string }[] }>('GET', `/tickets?q=${number}`)).items.find((x) => x.number === number)!;
    await api('POST', `/tickets/${ticket.id}/events`, { type: 'public_reply', body: '已收到，工程师将联系您安排寄修' });
    await api('POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    const repair = await api<{ id: string }>('POST', `/tickets/${ticket.id}/repairs`, { mode: 'factory' });
    await api('PUT', `/repairs/${repair.id}/diagnosis`, {
      diagnosisMode: 'on_site',
      faultCategory: 'power',
      cause: 'misuse',
      findings: '电源板进水，电容损坏',
    });
    await api('PUT', `/repairs/${repair.id}/quote`, {
      plan: '更换电源板电容',
      estimatedHours: 2,
      lines: [
        { kind: 'part', code: 'CAP-470', name: '电解电容 470μF', unitPriceFen: 1250, quantity: 2, free: false },
        { kind: 'labour', code: 'L-PART', name: '部件更换工时', unitPriceFen: 8000, quantity: 1, free: false },
      ],
    });

    // Track by the private link: the reply and the quote with its items and total.
    await page.goto(link);
    const quote = page.getByTestId('portal-quote');
    await quote.waitFor();
    expect(await quote.textContent()).toContain('¥105.00');
    expect(await page.getByTestId('portal-ticket').textContent()).toContain('已收到，工程师将联系您安排寄修');
    await page.getByTestId('portal-ticket').getByLabel('补充说明').fill('工作日下午都可以取件');
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByText('工作日下午都可以取件', { exact: true }).waitFor();
    await quote.getByLabel('确认人姓名').fill('王女士');
    await screenshot(page, 'portal-4-quote');
    await quote.getByRole('button', { name: '同意报价' }).click();
    await quote.waitFor({ state: 'detached' });
    const approved = await api<{ status: string; approval: { method: string } }>('GET', `/repairs/${repair.id}`);
    expect(approved).toMatchObject({ status: 'approved', approval: { method: 'portal' } });

    // The repair is done and the ticket resolved: a follow-up task waits, the portal asks for a rating.
    await api('POST', `/repairs/${repair.id}/transitions`, { to: 'in_repair' });
    await api('POST', `/repairs/${repair.id}/transitions`, { to: 'testing' });
    await api('POST', `/repairs/${repair.id}/test`, { passed: true, note: '老化 4 小时正常' });
    await api('POST', `/repairs/${repair.id}/ship-back`, { courier: '顺丰速运', trackingNumber: `SF${Date.now()}` });
    await api('POST', `/tickets/${ticket.id}/transitions`, { to: 'resolved', resolution: { solutionType: 'repair', summary: '更换电源板电容' } });
    await page.goto(link);
    const rate = page.getByTestId('portal-rate');
    await rate.waitFor();
    await rate.getByRole('radio', { name: '5' }).click();
    await rate.getByLabel('意见和建议').fill('维修很快，谢谢');
    await screenshot(page, 'portal-5-rate');
    await rate.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价').waitFor();
    await screenshot(page, 'portal-6-rated');
    const tasks = await api<{ items: { status: string; rating: number | null }[] }>('GET', `/followups?status=all&ticketId=${ticket.id}`);
    expect(tasks.items.some((x) => x.status === 'completed' && x.rating === 5)).toBe(true);
  });
});

describe('the customer’s case on a phone', () => {
  test('request with a camera photo → sign the service confirmation with a finger → ask for a return', async () => {
    // Yesterday in China: the goods arrived then, so a return without reason is still open (7 days).
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const { api, url } = await staffWithUnit(yesterday, 'S');
    const phoneCtx = await openContext(browser, { viewport: { width: 390, height: 844 }, touch: true });
    opened.push(phoneCtx);
    const { page } = phoneCtx;
    await page.goto(new URL(url).pathname);
    await page.getByRole('button', { name: '一键报修' }).click();
    const form = page.getByTestId('portal-request');
    const phone = `138${String(Date.now()).slice(-8)}`;
    await form.getByLabel('联系人').fill('李先生');
    await form.getByLabel('手机号').fill(phone);
    await form.getByRole('button', { name: '获取验证码' }).click();
    await form.getByText('验证码已发送').waitFor();
    await form.getByLabel('验证码').fill(await smsCode(phone));
    await form.getByLabel('故障描述').fill('控制器面板报警 E07，风扇不转');
    // 拍照: the phone camera's picture, as the file input hands it over.
    const photo = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAADIAAAAUCAIAAABJbz5lAAAAJ0lEQVR4nO3NMQEAAAjDMOZf9DDBRxsBSdNbzAAAAAAAAAAAAAAAAHwbY3YBL4nJ+Q0AAAAASUVORK5CYII=',
      'base64',
    );
    const picker = form.locator('input[type=file]');
    expect(await picker.getAttribute('accept')).toBe('image/*');
    expect(await picker.getAttribute('capture')).toBe('environment');
    await picker.setInputFiles({ name: 'IMG_2041.png', mimeType: 'image/png', buffer: photo });
    await form.getByTestId('portal-photos-chosen').waitFor();
    await screenshot(page, 'portal-7-request-with-photo');
    await form.getByRole('button', { name: '提交报修' }).click();
    const created = page.getByTestId('portal-created');
    await created.waitFor();
    const number = (await page.getByTestId('portal-number').textContent())!;
    const link = (await created.locator('a').getAttribute('href'))!;
    const ticket = (await api<{ items: { id: string; number: string }[] }>('GET', `/tickets?q=${number}`)).items.find((x) => x.number === number)!;
    // Staff see the photo among the ticket's attachments.
    await expect
      .poll(async () => (await api<{ items: { fileName: string; mimeType: string }[] }>('GET', `/tickets/${ticket.id}/attachments`)).items)
      .toEqual([expect.objectContaining({ fileName: 'IMG_2041.png', mimeType: 'image/png' })]);

    // 上门服务: quoted free (in warranty), approved by phone, visited; the record waits for the signature.
    await api('POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    const repair = await api<{ id: string }>('POST', `/tickets/${ticket.id}/repairs`, { mode: 'field', siteAddress: '杭州市西湖区文三路 90 号' });
    await api('PUT', `/repairs/${repair.id}/diagnosis`, { diagnosisMode: 'on_site', faultCategory: 'power', cause: 'quality', findings: '风扇电机卡死' });
    const quoted = await api<{ quote: { version: number } }>('PUT', `/repairs/${repair.id}/quote`, {
      plan: '更换散热风扇',
      estimatedHours: 1,
      lines: [{ kind: 'part', code: 'FAN-80', name: '散热风扇 80mm', unitPriceFen: 3500, quantity: 1, free: true }],
    });
    await api('POST', `/repairs/${repair.id}/approval`, {
      method: 'phone',
      approverName: '李先生',
      decision: 'approve',
      quoteVersion: quoted.quote.version,
      note: '电话确认',
    });
    await api('POST', `/repairs/${repair.id}/check-in`);
    await api('POST', `/repairs/${repair.id}/transitions`, { to: 'in_repair' });
    await api('POST', `/repairs/${repair.id}/transitions`, { to: 'testing' });
    await api('POST', `/repairs/${repair.id}/on-site-record`, {
      findings: '风扇电机卡死，报警 E07',
      work: '更换散热风扇一只，清理灰尘',
      partsUsed: [{ code: 'FAN-80', name: '散热风扇 80mm', quantity: 1 }],
      testResult: '运行 30 分钟无报警',
      testPassed: true,
    });

    await page.goto(link);
    const sign = page.getByTestId('portal-sign');
    await sign.waitFor();
    expect(await sign.textContent()).toContain('更换散热风扇一只，清理灰尘');
    await sign.getByLabel('签字人姓名').fill('李先生');
    // A finger stroke across the pad.
    const pad = (await sign.getByTestId('portal-signature-pad').boundingBox())!;
    await page.mouse.move(pad.x + 30, pad.y + 120);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(pad.x + 30 + i * 22, pad.y + 120 - Math.sin(i / 2) * 60);
    await page.mouse.up();
    await screenshot(page, 'portal-8-sign');
    await sign.getByRole('button', { name: '确认签字' }).click();
    await page.getByTestId('portal-signed').waitFor();
    expect(await page.getByTestId('portal-signed').textContent()).toContain('服务确认单已签字');
    const signed = await api<{ field: { signerName: string; signedAt: string | null } }>('GET', `/repairs/${repair.id}`);
    expect(signed.field).toMatchObject({ signerName: '李先生' });
    const pdf = await page.request.get('/api/v1/portal/ticket/confirmation.pdf');
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot(page, 'portal-9-signed');

    // 申请退货: eligibility on the spot, then the request for the desk.
    const ret = page.getByTestId('portal-return');
    await ret.getByLabel('收货日期').fill(yesterday);
    await ret.getByRole('button', { name: '查看是否符合条件' }).click();
    const answer = ret.getByTestId('portal-eligibility');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('无理由退货：符合');
    await ret.getByLabel('订单号或发票号').fill('JD-889120');
    await ret.getByLabel('实付金额（元）').fill('1299');
    await ret.getByLabel('情况说明').fill('维修后仍想退货，包装完好');
    await screenshot(page, 'portal-10-return');
    await ret.getByRole('button', { name: '提交申请' }).click();
    await page.getByTestId('portal-rma-sent').waitFor();
    await expect.poll(async () => page.getByTestId('portal-returns').textContent()).toContain('待审核');
    await screenshot(page, 'portal-11-return-sent');
    const rmas = await api<{ items: { status: string; items: { unitPriceFen: number }[] }[] }>('GET', `/tickets/${ticket.id}/rmas`);
    expect(rmas.items).toEqual([expect.objectContaining({ status: 'requested', items: [expect.objectContaining({ unitPriceFen: 129900 })] })]);
  });
});

describe('a one-time code by e-mail on a phone', () => {
  test('the customer picks e-mail, reads the code from the mailbox and files the request', async () => {
    const { api, url } = await staffWithUnit('2026-05-01', 'M');
    const smtp = await startCapture();
    await api('PUT', '/mail/settings', { host: '127.0.0.1', port: smtp.port, secure: false, username: null, fromAddress: '售后服务 <support@shouhou.test>' });
    try {
      const phoneCtx = await openContext(browser, { viewport: { width: 390, height: 844 }, touch: true });
      opened.push(phoneCtx);
      const { page } = phoneCtx;
      await page.goto(new URL(url).pathname);
      await page.getByRole('button', { name: '一键报修' }).click();
      const form = page.getByTestId('portal-request');
      // Both ways are set up: SMS is the default, e-mail one tap away.
      const via = form.getByTestId('portal-code-via');
      await via.waitFor();
      expect(await via.getByLabel('手机短信').isChecked()).toBe(true);
      await via.getByLabel('电子邮箱').check();
      const email = `zhou.${run}@customer.test`;
      await form.getByLabel('联系人').fill('周女士');
      await form.getByLabel('手机号').fill(`137${String(Date.now()).slice(-8)}`);
      await form.getByTestId('portal-email').fill(email);
      await form.getByRole('button', { name: '获取验证码' }).click();
      await form.getByText('验证码已发送到您的邮箱').waitFor();
      let code: string | undefined;
      await expect.poll(() => (code = /验证码是 (\d{6})/.exec(smtp.to(email).at(-1)?.mail.text ?? '')?.[1]), { timeout: 30_000 }).toMatch(/^\d{6}$/);
      await form.getByLabel('验证码').fill(code!);
      await form.getByLabel('故障描述').fill('变频器上电后无输出，面板显示 OC');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await screenshot(page, 'portal-8-email-code');
      await form.getByRole('button', { name: '提交报修' }).click();
      await page.getByTestId('portal-created').waitFor();
      expect(await page.getByTestId('portal-number').textContent()).toMatch(/^WX\d{11}$/);
    } finally {
      // The shared server goes back to no mail (other browser tests make tickets too).
      await api('DELETE', '/mail/settings').catch(() => undefined);
      await smtp.close();
    }
  });
});

describe('blank QR labels', () => {
  test('a customer scans an unbound label; staff scan it, bind it to the unit, and the label then opens the unit', async () => {
    const { unit } = await staffWithUnit('2026-04-01', 'B');
    const staff = opened.at(-1)!.page;
    // The sheet as logistics prints it; each label's QR target is also the PDF's link on that label.
    const pdf = await staff.request.post('/api/v1/portal/blank-labels', { data: { count: 2 } });
    expect(pdf.status()).toBe(200);
    const file = join(RESULTS, 'blank-labels.pdf');
    writeFileSync(file, await pdf.body());
    const urls = execFileSync('pdfinfo', ['-url', file], { encoding: 'utf8' }).match(/http\S+\/portal\/u\/[\w-]+/g) ?? [];
    expect(urls).toHaveLength(2);
    const path = new URL(urls[0]!).pathname;

    // The customer's phone: not in use yet, a repair can still be asked for by serial number.
    const phoneCtx = await openContext(browser, { viewport: { width: 390, height: 844 }, touch: true });
    opened.push(phoneCtx);
    await phoneCtx.page.goto(path);
    const blank = phoneCtx.page.getByTestId('portal-blank-label');
    await blank.waitFor();
    expect(await blank.textContent()).toContain('此二维码标签尚未启用');
    await screenshot(phoneCtx.page, 'portal-9-blank-label');

    // A service engineer scans it on a logged-in phone and binds it to the unit.
    const eng = await openContext(browser, { viewport: { width: 390, height: 844 }, touch: true });
    opened.push(eng);
    await loginTo(eng.page, 'logistics', path);
    await eng.page.getByTestId('portal-bind-label').click();
    await eng.page.getByTestId('bind-label-banner').waitFor();
    await eng.page.getByPlaceholder('序列号').fill(unit.serialNumber);
    await eng.page.getByPlaceholder('序列号').press('Enter');
    await eng.page.getByTestId(`bind-label-${unit.serialNumber}`).click();
    await eng.page.locator('.ant-message', { hasText: `已绑定到设备 ${unit.serialNumber}` }).waitFor();
    await screenshot(eng.page, 'portal-10-label-bound');

    // Scanned again: the unit's page with its warranty, and the one-tap request.
    await phoneCtx.page.goto(path);
    const card = phoneCtx.page.getByTestId('portal-unit');
    await card.waitFor();
    expect(await card.textContent()).toContain(unit.serialNumber);
  });
});
