import { chromium, type BrowserServer } from 'playwright-core';

// playwright-core drives Debian's chromium: Playwright cannot download its own browser here.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Flags as the probe of this machine kind ran it: without the background-networking ones Chromium's
// connections are refused by the closed network at every start. bench/suites/web.ts uses the same.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Chromium 156 preloads its omnibox popup (and AI mode) as a WebUI page in a renderer of its own for
  // every window, headless too: ~1 s of CPU per context the tests open, for a popup never shown.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

/** Starts the one Chromium every browser test file connects to (global-setup.ts, browser.ts launch()). */
export function launchShared(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}
