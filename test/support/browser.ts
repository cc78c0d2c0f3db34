import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Headless Chromium (Debian's `chromium`, or `CHROMIUM_PATH`) driven by puppeteer-core: the
 * dashboard is tested in a real browser, CSP and all.
 */
export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Everything the page reported as an error (CSP refusals, script errors), for asserting none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}
