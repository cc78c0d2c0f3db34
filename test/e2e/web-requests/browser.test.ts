/// <reference lib="dom" /> -- the page functions below run in Chromium
import type { Browser } from 'puppeteer-core';
import type { TestBot } from '../../support/bot.js';
import { launchBrowser, pageErrors, text } from '../../support/browser.js';
import { CHANNEL, eventually } from '../requests/world.js';
import { configure, FORM_PATH, webWorld } from './world.js';

describe('the support form in headless Chromium', () => {
  let t: TestBot;
  let browser: Browser;

  beforeAll(async () => {
    t = await webWorld({ env: { WEB_FORM_RATE_LIMIT: '1000' } });
    await configure(t, { web_request_redirection_channel: CHANNEL });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('is filled in and sent like any web page: a refused field shown, then the thank-you page with the reference', async () => {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.goto(`${t.bot.url}${FORM_PATH}`);
    // The honeypot is out of sight: a person does not fill it.
    const trap = await page.$eval('#website', (el) => el.getBoundingClientRect().left);
    expect(trap).toBeLessThan(0);

    await page.type('#name', 'Lena Customer');
    await page.type('#email', 'lena@customer');
    await page.type('#subject', 'Cannot log in');
    await page.type('#message', 'The login page says my password is wrong.');
    const [refused] = await Promise.all([page.waitForNavigation(), page.click('#send')]);
    expect(refused?.status()).toBe(422);
    expect(await text(page, '#email-error')).toBe('Please enter a valid e-mail address');
    expect(await page.$eval('#subject', (el) => (el as HTMLInputElement).value)).toBe(
      'Cannot log in',
    );
    expect(await t.db.collection('requests').countDocuments({})).toBe(0);

    await page.$eval('#email', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#email', 'lena@customer.test');
    const [sent] = await Promise.all([page.waitForNavigation(), page.click('#send')]);
    expect(sent?.status()).toBe(200);
    const reference = await text(page, '#reference');
    const request = await eventually(() =>
      t.db.collection('requests').findOne({ requesterId: 'email:lena@customer.test' }),
    );
    expect(String(request._id)).toBe(reference);
    expect(request.source).toBe('web');
    expect(t.sim.messages(CHANNEL).at(-1)?.text).toBe(
      '🌐 Web request from Lena Customer &lt;lena@customer.test&gt;\n*Cannot log in*\n' +
        'The login page says my password is wrong.',
    );
    // No CSP refusal, script error or failed load on either page (Chromium logs the 422 itself).
    expect(errors.filter((error) => !error.includes('status of 422'))).toEqual([]);
  });
});
