import type { Browser } from 'puppeteer-core';
import type { TestBot } from '../support/bot.js';
import { launchBrowser, pageErrors } from '../support/browser.js';
import { ADMIN, seedScenario, signInLink } from './scenario.js';

describe('probe', () => {
  let t: TestBot;
  let browser: Browser;
  beforeAll(async () => {
    ({ t } = await seedScenario());
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('prints', async () => {
    const reqs = await t.db.collection('requests').find({}).toArray();
    console.log(
      JSON.stringify(
        reqs.map((r) => ({
          s: r.status,
          c: r.createdAt,
          f: r.firstResponseAt,
          cl: r.closedAt,
          b: r.sla,
          fb: r.feedback,
        })),
        null,
        1,
      ),
    );
    const link = await signInLink(t, ADMIN);
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.goto(link);
    await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
    await page.waitForSelector('figure[data-chart="csat"][data-ready]');
    console.log(page.url(), await page.$eval('#totals', (e) => e.textContent));
    console.log(
      await page.$$eval('figure[data-chart]', (fs) =>
        fs.map((f) => `${f.id} ${f.getAttribute('data-values')}`),
      ),
    );
    console.log(errors);
  });
});
