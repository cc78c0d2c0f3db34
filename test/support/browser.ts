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

/** Opens a sign-in link and presses its button; answers the page's HTTP status. */
export async function signIn(page: Page, link: string): Promise<number | undefined> {
  await page.goto(link);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
  return response?.status();
}

/** The text of the first element `selector` finds. */
export const text = (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (element) => element.textContent ?? '');
