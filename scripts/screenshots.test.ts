// `npm run screenshots` (run by jest, outside `npm test`'s roots, as the virtual clock needs
// jest): plays the browser tests' three-day scenario through a real bot, signs in to the
// dashboard in headless Chromium and writes the README's screenshots to docs/: the overview and
// a request page on a desktop, and the overview at phone width.
import { launchBrowser } from '../test/support/browser.js';
import { ADMIN, seedScenario, signInLink } from '../test/browser/scenario.js';

it('writes docs/dashboard-overview.png, dashboard-request.png and dashboard-phone.png', async () => {
  const { t, ids } = await seedScenario();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(await signInLink(t, ADMIN));
    await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
    await page.waitForSelector('figure[data-chart="backlog"][data-ready]');
    await page.screenshot({ path: 'docs/dashboard-overview.png', fullPage: true });
    await page.goto(`${t.bot.url}/app/requests/${ids.invoices}`);
    await page.waitForSelector('#timeline');
    await page.screenshot({ path: 'docs/dashboard-request.png', fullPage: true });
    await page.setViewport({ width: 375, height: 812 });
    await page.goto(`${t.bot.url}/app`);
    await page.waitForSelector('figure[data-chart="backlog"][data-ready]');
    await page.screenshot({ path: 'docs/dashboard-phone.png' });
  } finally {
    await browser.close();
    await t.stop();
  }
}, 120_000);
