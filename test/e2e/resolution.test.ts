import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// What was done (解决方式, 004) is kept on the ticket: its page says it, and the queue filters by it.
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

describe('the solution type of a resolved ticket', () => {
  test('shows on the ticket page with its summary, and the queue finds it by solution type', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const { page } = w;
    await loginTo(page, 'manager', '/tickets');
    const suffix = `${Date.now()}`.slice(-6);
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', {
      name: `无锡科达自动化有限公司${suffix}`,
      contacts: [{ name: '吴工', phone: '13951236478' }],
      confirmNew: true,
    });
    const ticket = await apiCall<{ id: string; number: string }>(page, 'POST', '/tickets', {
      channel: 'phone',
      requestType: 'return',
      description: '收到的伺服驱动器外壳破损，要求退货',
      customerId: customer.id,
    });
    await apiCall(page, 'POST', `/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    await apiCall(page, 'POST', `/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      resolution: { solutionType: 'return_refund', summary: '运输破损，已办理退货退款' },
    });

    await page.goto(`/tickets/${ticket.id}`);
    const solution = page.getByTestId('ticket-solution');
    await solution.waitFor();
    expect(await solution.getAttribute('data-solution')).toBe('return_refund');
    expect(await solution.innerText()).toBe('退货/退款：运输破损，已办理退货退款');
    await screenshot(page, 'ticket-solution-zh');

    const listed = await apiCall<{ items: { id: string; solutionType: string | null }[] }>(page, 'GET', '/tickets?solutionType=return_refund&limit=200');
    expect(listed.items.map((x) => x.id)).toContain(ticket.id);
    expect(listed.items.every((x) => x.solutionType === 'return_refund')).toBe(true);
  });
});
