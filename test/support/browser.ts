/**
 * A real browser for the page's tests: Debian's chromium (installed by .ci/run with apt), driven
 * by playwright-core. Never a downloaded browser. Screenshots go to test-artifacts/screenshots
 * (ignored by git), where CI keeps them as artifacts.
 */
/** Functions passed to page.evaluate run in the browser, where `document` exists; the test program has no DOM types. */
declare const document: any;

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './compiled.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium, as .ci/run does) or set CHROMIUM_PATH`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags chromium keeps dialling Google's hosts, which this
    // machine's closed network refuses.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** True when the page is no wider than the window: nothing to scroll sideways. */
export async function fitsWidth(page: Page): Promise<{ fits: boolean; scrollWidth: number; clientWidth: number }> {
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  return { fits: scrollWidth <= clientWidth, scrollWidth, clientWidth };
}
