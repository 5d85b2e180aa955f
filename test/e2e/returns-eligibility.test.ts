import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// 退换货资格判定 as the service desk uses it: the facts in, each remedy out with its deadline, who pays
// postage and the clauses cited — Chinese first, at 1440 px and on a tablet.
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

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

async function judge(page: Page, received: string) {
  await page.getByTestId('elig-received-on').click();
  await page.keyboard.type(received);
  await page.keyboard.press('Enter');
  await page.getByTestId('elig-check').click();
  await page.getByTestId('eligibility-result').waitFor();
}

describe('return eligibility screen', () => {
  test('a no-reason online return within 7 days: allowed until the 7th day, consumer pays postage, citing Art 25; custom-made is not', async () => {
    const w = await openContext(browser);
    opened.push(w);
    await loginTo(w.page, 'agent', '/tickets');
    await w.page.getByTestId('main-menu').getByText('退换货资格判定').click();
    await w.page.getByTestId('eligibility-page').waitFor();
    await judge(w.page, daysAgo(2));
    const noReason = w.page.getByTestId('elig-noReasonReturn');
    await expect.poll(() => noReason.getByTestId('elig-noReasonReturn-allowed').textContent()).toBe('可以');
    expect(await noReason.textContent()).toContain('第二十五条');
    // The 7th day after receipt is counted (a rest day moves it to the next working day, Art 203).
    expect(await noReason.textContent()).toContain(`含最后一日 ${daysAgo(-5)}`);
    expect(await noReason.textContent()).toMatch(/截止 \d{4}-\d{2}-\d{2}/);
    expect(await w.page.getByTestId('elig-shipping').textContent()).toBe('消费者承担');
    await screenshot(w.page, 'returns-eligibility-1440');

    await w.page.getByTestId('elig-custom').click();
    await w.page.getByTestId('elig-check').click();
    await expect.poll(() => noReason.getByTestId('elig-noReasonReturn-allowed').textContent()).toBe('不可以');
    // No English or codes on the Chinese screen.
    const text = (await w.page.getByTestId('eligibility-page').textContent()) ?? '';
    expect(text).not.toMatch(/noReasonReturn|no_reason|Allowed|Not allowed/);
    // It fits: no horizontal scroll at 1440 px.
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  test('fits a tablet', async () => {
    const w = await openContext(browser, { viewport: { width: 820, height: 1180 }, touch: true });
    opened.push(w);
    await loginTo(w.page, 'agent', '/returns/eligibility?channel=store&reason=quality');
    await w.page.getByTestId('eligibility-page').waitFor();
    await judge(w.page, daysAgo(3));
    await expect.poll(() => w.page.getByTestId('elig-qualityReturn-allowed').textContent()).toBe('可以');
    expect(await w.page.getByTestId('elig-shipping').textContent()).toBe('经营者承担');
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(w.page, 'returns-eligibility-tablet');
  });
});
