import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { apiCall, launch, loginTo, openContext, screenshot, takeErrors, type Watched } from './browser';

// The demo company as a new user finds it (issue 9): its returns, complaints, the dispute in mediation
// and the knowledge base already hold work, in Chinese, written by the product's own use cases. Other
// browser tests add rows to the same demo server, so this looks for the demo's own rows, not counts.
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

describe('demo company services', () => {
  test('returns at several stages, the refunded one on its ticket page with its refund', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const p = w.page;
    await loginTo(p, 'manager', '/returns');
    await p.getByTestId('rma-list').waitFor();
    await p.getByText('全部', { exact: true }).click();
    const list = p.getByTestId('rma-list');
    await list.getByText('已转退款').first().waitFor();
    await list.getByText('待审核').first().waitFor();
    await screenshot(p, 'demo-rma-list-zh');
    const rmas = await apiCall<{ items: { ticketId: string; status: string; refundId: string | null }[] }>(p, 'GET', '/rmas');
    const refunded = rmas.items.find((r) => r.status === 'refunded' && r.refundId);
    expect(refunded).toBeTruthy();
    await p.goto(`/tickets/${refunded!.ticketId}`);
    await p.getByTestId('rma-panel').waitFor();
    await p.getByTestId('rma-panel').scrollIntoViewIfNeeded();
    await p.getByTestId('rma-panel').getByText('已转退款').first().waitFor();
    await screenshot(p, 'demo-rma-ticket-zh');
  });

  test('a complaint being handled shows its running clocks; the escalated one leads to its dispute in mediation', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const p = w.page;
    await loginTo(p, 'manager', '/complaints');
    await p.getByTestId('complaints-page').waitFor();
    await p.getByText('处理中').first().waitFor();
    await screenshot(p, 'demo-complaints-zh');
    const { items } = await apiCall<{ items: { id: string; status: string; description: string }[] }>(p, 'GET', '/complaints?status=all&limit=100');
    const handling = items.find((c) => c.status === 'handling' && c.description.includes('表面划伤'))!;
    await p.goto(`/complaints/${handling.id}`);
    await p.getByTestId('cp-clocks').waitFor();
    expect(await p.getByTestId('cp-status').textContent()).toContain('处理中');
    await screenshot(p, 'demo-complaint-zh');
    const escalated = items.find((c) => c.status === 'escalated' && c.description.includes('电缆'))!;
    await p.goto(`/complaints/${escalated.id}`);
    await p.getByTestId('cp-dispute-link').click();
    await p.waitForURL(/\/disputes\/[0-9a-f-]{36}$/);
    await p.getByText('常州市新北区人民调解委员会').first().waitFor();
    await screenshot(p, 'demo-dispute-zh');
  });

  test('the knowledge base holds published Chinese articles for the demo products', async () => {
    const w = await openContext(browser);
    opened.push(w);
    const p = w.page;
    await loginTo(p, 'engineer', '/knowledge');
    await p.getByText('PSU-2400 电源模块无输出的现场排查').first().waitFor();
    await p.getByText('行星减速机输出轴渗油的原因与处理').first().waitFor();
    await screenshot(p, 'demo-knowledge-zh');
    await p.getByText('PSU-2400 电源模块无输出的现场排查').first().click();
    await p.waitForURL(/\/knowledge\/[0-9a-f-]{36}$/);
    await p.getByText('已发布').first().waitFor();
    await screenshot(p, 'demo-knowledge-article-zh');
  });
});
