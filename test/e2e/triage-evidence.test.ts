import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// The intake form shows why it suggests a grade: the caller's words, the rule, the clause of 004, and
// the words it deliberately ignored (issue 9, 问题分级).
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

describe('grading suggestion on the intake form', () => {
  test('shows the matched phrase with its 004 clause and strikes out a negated safety phrase', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const page = w.page;
    await loginTo(page, 'agent', '/tickets');
    await page.getByTestId('main-menu').getByText('受理登记').click();
    await page.getByTestId('description').fill('没有安全问题，但是产线停了');
    await page.locator('[data-testid=suggestion][data-priority=urgent]').waitFor();
    const evidence = page.getByTestId('suggestion-evidence');
    const counted = evidence.locator('li[data-effect=counts][data-rule=production_stop]');
    await counted.getByText('产线停了', { exact: true }).waitFor();
    expect(await counted.textContent()).toContain('004 二(二) 紧急');
    await evidence.locator('li[data-effect=negated][data-rule=safety]').getByText('安全问题', { exact: true }).waitFor();
    await screenshot(page, 'triage-evidence-zh');
  });
});
