import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, openContext, takeErrors, type Watched } from './browser';

// /api/docs (swagger-ui) is served under the same Content-Security-Policy as the app (no inline
// script, no framing): it must still render the API, and the browser must report no violation.
let browser: Browser;
let w: Watched | null = null;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await w?.context.close().catch(() => undefined);
  await browser?.close();
});

test('the API docs render under the security headers without a console error', async () => {
  w = await openContext(browser);
  const res = await w.page.goto('/api/docs');
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await w.page.locator('.opblock').first().waitFor();
  await w.page.locator('.opblock-summary').first().click();
  await w.page.locator('.opblock-body').first().waitFor();
  expect(await takeErrors([w])).toEqual([]);
});
