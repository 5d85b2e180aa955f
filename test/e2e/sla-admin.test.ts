import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD } from './global-setup';
import { apiCall, launch, loginTo, openContext, pickOption, screenshot, takeErrors, type Watched } from './browser';

// SLA administration in a real browser: a new calendar with business hours, a new policy copied from
// the strictest preset, and re-applying a policy version to one ticket.
let browser: Browser;
const opened: Watched[] = [];
async function ctx(opts: Parameters<typeof openContext>[1] = {}): Promise<Watched> {
  const w = await openContext(browser, opts);
  opened.push(w);
  return w;
}

beforeAll(async () => {
  browser = await launch();
});
// Every test fails on the console errors its pages logged, except those it allows on purpose.
afterEach(async () => {
  expect(await takeErrors(opened)).toEqual([]);
});
afterAll(async () => {
  for (const w of opened) await w.context.close().catch(() => undefined);
  await browser?.close();
});

const run = Date.now().toString(36);
const calendarId = `e2e-hours-${run}`;
const calendarName = `华东工作时间 ${run}`;
const policyKey = `e2e-copy-${run}`;
const policyName = `大客户加急 ${run}`;

interface Policy {
  id: string;
  key: string;
  version: number;
  name: string;
  rules: unknown[];
  isDefault: boolean;
}

describe('SLA administration', () => {
  test('an admin creates a calendar with business hours; server validation errors show on the fields', async () => {
    const w = await ctx();
    // The first save is refused on purpose (overlapping business hours): Chromium logs the 400.
    w.allow.push(/status of 400 \(Bad Request\).*\/api\/v1\/sla\/calendars\)$/);
    const { page } = w;
    await loginTo(page, 'admin', '/admin/calendars', ADMIN_PASSWORD);
    await page.getByTestId('calendars-table').waitFor();
    await page.getByTestId('new-calendar').click();
    const modal = page.locator('.ant-modal', { has: page.getByTestId('new-calendar-form') });
    await modal.waitFor();

    await page.getByTestId('calendar-id').fill(calendarId);
    await page.getByTestId('calendar-name').fill(calendarName);
    // Saturday is a working day too.
    await modal.locator('.ant-checkbox-group label', { hasText: '六' }).click();
    await page.getByTestId('hours-add').click();
    await page.getByTestId('hours-add').click();
    await page.getByTestId('hours-start').nth(0).fill('09:00');
    await page.getByTestId('hours-end').nth(0).fill('12:00');
    // Overlaps the first range: the browser's format check passes, the server refuses it.
    await page.getByTestId('hours-start').nth(1).fill('11:30');
    await page.getByTestId('hours-end').nth(1).fill('18:00');
    // The form starts on the year the browser is in; covering the following one too is derived from
    // it, so the test reads the same year as the page on any date (a New Year's Eve run included).
    const preset = page.getByTestId('calendar-years').locator('.ant-select-selection-item');
    expect(await preset.count()).toBe(1);
    const thisYear = Number(await preset.getAttribute('title'));
    expect(Number.isInteger(thisYear)).toBe(true);
    const nextYear = thisYear + 1;
    await pickOption(page, 'calendar-years', String(nextYear));
    await page.keyboard.press('Escape');
    await page.getByTestId('calendar-create-submit').click();
    // The server's issue (path body.businessHours.1) lands on the second range, not in a generic toast.
    await page.getByTestId('hours-range').nth(1).locator('.ant-form-item-explain-error').first().waitFor();
    expect(await page.getByTestId('calendar-create-error').count()).toBe(0);
    await screenshot(page, 'a1-calendar-field-error');

    await page.getByTestId('hours-start').nth(1).fill('13:30');
    await page.getByTestId('calendar-create-submit').click();
    await modal.waitFor({ state: 'hidden' });

    const row = page.locator(`[data-testid=calendars-table] tr[data-id="${calendarId}"]`);
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain(calendarName);
    expect(text).toContain('09:00–12:00, 13:30–18:00');
    expect(text).toContain(String(nextYear));
    await page.locator(`[data-testid=calendar-year][data-calendar="${calendarId}"]`).waitFor();
    await screenshot(page, 'a2-calendar-created');

    const cal = await apiCall<{ weeklyWorkingDays: number[]; businessHours: { start: string; end: string }[]; timeZone: string; coveredYears: number[] }>(
      page,
      'GET',
      `/sla/calendars/${calendarId}`,
    );
    expect(cal.weeklyWorkingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cal.businessHours).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:30', end: '18:00' },
    ]);
    expect(cal.timeZone).toBe('Asia/Shanghai');
    expect(cal.coveredYears).toEqual([thisYear, nextYear]);
  });

  test('an admin creates a policy starting from a copy of the strictest preset', async () => {
    const { page } = await ctx();
    await loginTo(page, 'admin', '/tickets', ADMIN_PASSWORD);
    const strictest = (await apiCall<{ items: Policy[] }>(page, 'GET', '/sla/policies')).items.find((p) => p.key === 'strictest')!;
    await page.goto('/admin/policies');
    await page.getByTestId('policies-table').waitFor();
    await page.getByTestId('new-policy').click();
    await page.getByTestId('new-policy-key').fill(policyKey);
    await page.getByTestId('new-policy-name').fill(policyName);
    await page.getByTestId('new-policy-description').fill('复制自最严格预设，供大客户试用');
    await pickOption(page, 'new-policy-from', '最严（默认）');
    await expect.poll(() => page.locator('.ant-modal [data-testid=rule-card]').count()).toBe(strictest.rules.length);
    await screenshot(page, 'a3-new-policy');
    await page.getByTestId('new-policy-save').click();

    await page.locator(`[data-testid=policies-table] tr[data-key="${policyKey}"]`, { hasText: 'v1' }).waitFor();
    await page.locator(`[data-testid=policy-detail][data-key="${policyKey}"]`).waitFor();
    const created = (await apiCall<{ items: Policy[] }>(page, 'GET', '/sla/policies')).items.find((p) => p.key === policyKey)!;
    expect(created.name).toBe(policyName);
    expect(created.isDefault).toBe(false);
    expect(created.rules).toEqual(strictest.rules);
  });

  test('an admin re-applies a policy version to a ticket; the page shows the policy it now runs under', async () => {
    const { page } = await ctx();
    await loginTo(page, 'admin', '/tickets', ADMIN_PASSWORD);
    const list = await apiCall<{ items: { id: string }[] }>(page, 'GET', '/tickets?status=in_progress&limit=1');
    const id = list.items[0]?.id ?? (await apiCall<{ items: { id: string }[] }>(page, 'GET', '/tickets?limit=1')).items[0]!.id;
    await page.goto(`/tickets/${id}`);
    await page.getByTestId('ticket-page').waitFor();

    await page.getByTestId('reapply-policy-open').click();
    await pickOption(page, 'reapply-policy', policyName);
    await page.locator('[data-testid=reapply-version]', { hasText: 'v1' }).waitFor();
    await page.getByTestId('reapply-submit').click();
    const policy = page.locator(`[data-testid=ticket-policy][data-policy-key="${policyKey}"]`);
    await policy.waitFor();
    expect(await policy.textContent()).toContain(`${policyName}（第 1 版）`);
    await screenshot(page, 'a4-ticket-reapplied');

    // The default choice is the newest version of the default policy.
    const def = (await apiCall<{ items: Policy[] }>(page, 'GET', '/sla/policies')).items.find((p) => p.isDefault)!;
    await page.getByTestId('reapply-policy-open').click();
    await page.locator('[data-testid=reapply-version]', { hasText: `v${def.version}` }).waitFor();
    await page.getByTestId('reapply-submit').click();
    const back = page.locator(`[data-testid=ticket-policy][data-policy-key="${def.key}"]`);
    await back.waitFor();
    expect(await back.textContent()).toContain(`第 ${def.version} 版`);
    await page.locator('[data-testid=timeline-event]').first().waitFor();
  });

  test('managers see none of these admin actions', async () => {
    const { page } = await ctx();
    await loginTo(page, 'manager', '/admin/calendars');
    await page.getByTestId('calendars-table').waitFor();
    expect(await page.getByTestId('new-calendar').count()).toBe(0);
    const list = await apiCall<{ items: { id: string }[] }>(page, 'GET', '/tickets?limit=1');
    await page.goto(`/tickets/${list.items[0]!.id}`);
    await page.getByTestId('ticket-page').waitFor();
    expect(await page.getByTestId('reapply-policy-open').count()).toBe(0);
  });
});
