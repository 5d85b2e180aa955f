import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const RESULTS = resolve(import.meta.dirname, '../../test-results');
export const DEMO_PASSWORD = 'shouhou-demo';

export function baseURL(): string {
  return inject('baseURL');
}

/**
 * A connection to the shared Chromium: each file's contexts are its own (cookies, storage), and
 * closing the connection closes them. One browser for the run instead of one per file: a start cost
 * each of 28 files ~2 s of CPU (its browser, GPU and WebUI processes) on the 2-core machine.
 */
export function launch(): Promise<Browser> {
  return chromium.connect(inject('browserEndpoint'));
}

/** Console errors and failed requests of every page opened in a context. */
export interface Watched {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** Console errors a scenario provokes on purpose (e.g. a refused request it tests). */
  allow: RegExp[];
}

// Before logging in, the app asks GET /api/v1/me to learn whether a session exists; the 401 answer
// is the expected "no" and Chromium logs every non-2xx response as a console error.
const expected = (msg: ConsoleMessage) =>
  msg.text().startsWith('Failed to load resource: the server responded with a status of 401') && msg.location().url.endsWith('/api/v1/me');

export async function openContext(
  browser: Browser,
  opts: { locale?: string; viewport?: { width: number; height: number }; touch?: boolean } = {},
): Promise<Watched> {
  const context = await browser.newContext({
    baseURL: baseURL(),
    locale: opts.locale ?? 'zh-CN',
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    hasTouch: opts.touch ?? false,
    // The app then turns antd's animations off (web/src/lib/reduced-motion.ts): a click waits for
    // no sliding list or growing modal, and the 2-core machine paints no animation frames.
    reducedMotion: 'reduce',
  });
  const errors: string[] = [];
  const allow: RegExp[] = [];
  context.on('page', (p) => watch(p, errors, allow));
  const page = await context.newPage();
  return { context, page, errors, allow };
}

function watch(page: Page, errors: string[], allow: RegExp[]) {
  page.on('console', (msg) => {
    const line = `${msg.text()} (${msg.location().url})`;
    if (msg.type() === 'error' && !expected(msg) && !allow.some((re) => re.test(line)))
      errors.push(`${page.url()} console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`${page.url()} pageerror: ${err.message}`));
}

/**
 * The console and page errors collected since the last call, which it forgets. Every open page first
 * answers a round trip: the browser delivers what a page logged before it, so nothing still in flight
 * is missed. Call it after each test (afterEach) so a test fails on the errors it provoked.
 */
export async function takeErrors(watched: Watched[]): Promise<string[]> {
  // A page that is navigating or closing refuses evaluate; it has nothing further to deliver then.
  for (const w of watched) for (const page of w.context.pages()) await page.evaluate(() => undefined).catch(() => undefined);
  return watched.flatMap((w) => w.errors.splice(0));
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByTestId('main-menu').waitFor();
}

/**
 * Signs in through the API, as the log-in form does (the session cookie lands in the context's jar),
 * and opens `path`: one page load instead of three (log-in page, landing queue, the page wanted).
 * The form itself is driven by login() in the workbench and layout tests.
 */
export async function loginTo(page: Page, username: string, path: string, password = DEMO_PASSWORD): Promise<void> {
  const res = await page.request.post('/api/v1/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`log-in as ${username}: ${res.status()} ${await res.text()}`);
  // Not waiting for the staff menu: `path` may be a portal page a logged-in engineer scans.
  await page.goto(path);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Opens an antd Select (found by a locator or a test id) and clicks the option with that text, once:
 * for a select that does not keep what was picked (an action menu such as 插入常用回复).
 */
export async function clickOption(page: Page, select: string | Locator, text: string): Promise<void> {
  await (typeof select === 'string' ? page.getByTestId(select) : select).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
}

/**
 * Picks the option with that text in a single or multiple select until the select shows it. Under
 * load a click can land while the list is still sliding in and be lost (CI: a year not added to a
 * calendar, a skill not given to an engineer), so the pick is repeated; an option already shown is
 * left alone (clicking it again would take it out of a multiple select).
 */
export async function pickOption(page: Page, select: string | Locator, text: string): Promise<void> {
  const given = typeof select === 'string' ? page.getByTestId(select) : select;
  // A label finds the select's input: what it shows and whether it is open are on the select around it.
  const around = given.locator('xpath=ancestor-or-self::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const box = (await around.count()) ? around : given;
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const shows = async () => ((await box.textContent()) ?? '').includes(text);
  for (let attempt = 0; attempt < 4; attempt++) {
    if (await shows()) return;
    // Opened unless its list is already open (a multiple select keeps it open after a pick).
    if (!(await box.locator('[aria-expanded="true"]').count())) await box.click();
    await open.locator('.ant-select-item-option', { hasText: text }).first().click();
    for (const deadline = Date.now() + 3_000; Date.now() < deadline; await page.waitForTimeout(100)) if (await shows()) return;
  }
  throw new Error(`select ${String(select)}: "${text}" not picked after 4 tries`);
}

/**
 * Picks one option of a single select and waits for its list to close. Under load a click can land
 * while the list re-renders: the list then stays open over the modal's buttons, so the pick is
 * repeated until the select shows the choice.
 */
export async function chooseOne(page: Page, select: string | Locator, text: string): Promise<void> {
  const box = typeof select === 'string' ? page.getByTestId(select) : select;
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  for (let attempt = 0; ; attempt++) {
    if (!(await open.isVisible())) await box.click();
    await open.locator('.ant-select-item-option', { hasText: text }).first().click();
    const closed = await open.waitFor({ state: 'hidden', timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    if (closed && ((await box.textContent()) ?? '').includes(text)) return;
    if (attempt >= 3) throw new Error(`select ${String(select)}: "${text}" not chosen after ${attempt + 1} tries`);
  }
}

/** Answers the app's reason / note prompt (a confirm modal with a text area). */
export async function answerPrompt(page: Page, inputTestId: string, text: string): Promise<void> {
  await page.getByTestId(inputTestId).fill(text);
  await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
}

/** JSON from the API with the page's session cookie. */
export async function apiCall<T>(page: Page, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await page.request.fetch(`/api/v1${path}`, {
    method,
    data: body === undefined ? undefined : body,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
