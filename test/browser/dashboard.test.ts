/// <reference lib="dom" /> -- the page functions below run in Chromium
import type { Browser, Page } from 'puppeteer-core';
import { ADMIN_ONLY, LINK_REFUSALS } from '../../src/dashboard/sign-in.js';
import { DASHBOARD_CSP } from '../../src/http/dashboard-auth.js';
import type { TestBot } from '../support/bot.js';
import type { VirtualClock } from '../support/clock.js';
import { launchBrowser, pageErrors, signIn, text } from '../support/browser.js';
import { ADMIN, AGENT, CHANNEL, EXPECTED, seedScenario, signInLink, TODAY } from './scenario.js';

const SLA_KEY = 'requests.support.response_sla.sla';

describe('the web dashboard in headless Chromium', () => {
  let t: TestBot;
  let clock: VirtualClock;
  let ids: Record<string, string>;
  let browser: Browser;
  let admin: Page;
  let errors: string[];

  const sessions = () => t.db.collection('dashboard_sessions').find({}).toArray();
  const workspaceSettings = async () =>
    (await t.db.collection('workspaces').findOne({ _id: t.teamId as never }))?.settings ?? null;
  beforeAll(async () => {
    ({ t, clock, ids } = await seedScenario());
    browser = await launchBrowser();
    admin = await browser.newPage();
    errors = pageErrors(admin);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });
  afterEach(() => {
    // No CSP refusal, script error or failed load on any page the admin opened.
    expect(errors.splice(0)).toEqual([]);
  });

  it('signs in through the one-time link from /triage dashboard, into a cookie the page cannot read', async () => {
    const link = await signInLink(t, ADMIN);
    expect(await sessions()).toHaveLength(0);
    expect(await signIn(admin, link)).toBe(200);

    expect(new URL(admin.url()).pathname).toBe('/app');
    expect(admin.url()).not.toContain('token');
    const [cookie] = await browser.cookies();
    expect(cookie).toMatchObject({
      name: 'triage_session',
      httpOnly: true,
      sameSite: 'Lax',
      path: '/app',
    });
    expect(await admin.evaluate(() => document.cookie)).toBe('');
    const stored = await sessions();
    expect(stored).toMatchObject([{ teamId: t.teamId, userId: ADMIN, role: 'administrator' }]);
    expect(stored[0]?.hash).not.toBe(cookie?.value);
    const response = await admin.reload();
    expect(response?.headers()['content-security-policy']).toBe(DASHBOARD_CSP);
  });

  it("draws the scenario's numbers in every chart, with the same numbers in a table for screen readers", async () => {
    await admin.waitForSelector('figure[data-chart="backlog"][data-ready]');
    const values = Object.fromEntries(
      await admin.$$eval('figure[data-chart]', (figures) =>
        figures.map((f) => [
          f.getAttribute('data-chart'),
          JSON.parse(f.getAttribute('data-values') ?? '[]')[0],
        ]),
      ),
    );
    expect(values.requestsPerDay).toHaveLength(14);
    expect(values.requestsPerDay.slice(-3)).toEqual(EXPECTED.lastThreeDays);
    expect(values.requestsPerDay.slice(0, 11)).toEqual(Array(11).fill(0));
    expect(values.slaCompliance.slice(-3)).toEqual(EXPECTED.slaLastThreeDays);
    expect(values.firstResponse).toEqual(EXPECTED.firstResponse);
    expect(values.resolution).toEqual(EXPECTED.resolution);
    expect(values.csat).toEqual(EXPECTED.csat);
    expect(values.backlog).toEqual(EXPECTED.backlog);
    expect(await text(admin, '#totals')).toBe(
      '6 requests from 2026-11-12 to 2026-11-25; CSAT 50%; times in minutes.',
    );
    // The hidden table reads "2026-11-25: 1" to a screen reader; the canvas is labelled.
    const today = await admin.$eval(
      '#chart-requestsPerDay table',
      (table, day) =>
        [...table.querySelectorAll('tr')].find((row) => row.textContent?.startsWith(day))
          ?.textContent,
      TODAY,
    );
    expect(today).toBe(`${TODAY}1`);
    // Each canvas is labelled and drawn (Chart.js gave it a size).
    const canvases = await admin.$$eval('canvas', (all) =>
      all.map((c) => `${c.getAttribute('aria-label')}: ${c.width > 0}`),
    );
    expect(canvases).toContain('Requests per day: true');
  });

  it('narrows the window with the date fields', async () => {
    await admin.goto(`${t.bot.url}/app?since=2026-11-24&until=${TODAY}`);
    await admin.waitForSelector('figure[data-chart="requestsPerDay"][data-ready]');
    const perDay = await admin.$eval('#chart-requestsPerDay', (f) => f.getAttribute('data-values'));
    expect(JSON.parse(perDay ?? '')).toEqual([[3, 1]]);
    expect(await text(admin, '#totals')).toContain('4 requests from 2026-11-24 to 2026-11-25');
  });

  it('refuses the same link a second time, and signs nobody in', async () => {
    const link = await signInLink(t, ADMIN);
    const other = await browser.createBrowserContext();
    try {
      const first = await other.newPage();
      expect(await signIn(first, link)).toBe(200);
      const second = await (await browser.createBrowserContext()).newPage();
      expect(await signIn(second, link)).toBe(410);
      expect(await text(second, '[role="alert"]')).toBe(LINK_REFUSALS.used.say);
      expect(await second.browserContext().cookies()).toEqual([]);
      await second.browserContext().close();
    } finally {
      await other.close();
    }
    expect(await sessions()).toHaveLength(2);
  });

  it('filters the request list with the same filters as the API', async () => {
    const rows = () => admin.$$eval('#requests tbody tr', (trs) => trs.length);
    await admin.goto(`${t.bot.url}/app/requests`);
    await admin.waitForSelector('#requests[data-rows]');
    expect(await rows()).toBe(2); // open: the webhooks (open) and SSO (in progress) requests
    await admin.select('#status', 'all');
    await Promise.all([admin.waitForNavigation(), admin.click('form.filters button')]);
    await admin.waitForSelector('#requests[data-rows="6"]');
    expect(await text(admin, '#list-status')).toBe('6 matching requests; showing 1–6.');
    await admin.type('#q', 'billing');
    await Promise.all([admin.waitForNavigation(), admin.click('form.filters button')]);
    await admin.waitForSelector('#requests[data-rows="1"]');
    expect(await text(admin, '#requests tbody')).toContain('Please change our billing address');
    await admin.goto(`${t.bot.url}/app/requests?status=pending`);
    await admin.waitForSelector('#requests[data-rows="1"]');
    expect(await text(admin, '#requests tbody')).toContain('The export times out');
  });

  it('opens a request from the list and shows its messages and history timeline', async () => {
    await admin.goto(`${t.bot.url}/app/requests?status=resolved&q=invoices`);
    await admin.waitForSelector('#requests[data-rows="1"]');
    await Promise.all([admin.waitForNavigation(), admin.click('#requests tbody a')]);
    expect(new URL(admin.url()).pathname).toBe(`/app/requests/${ids.invoices}`);
    await admin.waitForSelector('#timeline');
    const stored = await t.db
      .collection('requests')
      .findOne({ _id: new (await import('mongodb')).ObjectId(ids.invoices) });
    const entries = await admin.$$eval('#timeline li', (lis) =>
      lis.map((li) => li.textContent ?? ''),
    );
    expect(entries).toHaveLength(stored?.history.length);
    expect(entries.at(-2)).toContain('status: in progress → closed, by U0AGENT');
    const messages = await text(admin, 'ol.messages');
    expect(messages).toContain('Invoices are missing for March');
    expect(messages).toContain('Looking into it now');
  });

  it('lets an admin change a workspace setting through the API’s validation, and refuses an invalid one', async () => {
    await admin.goto(`${t.bot.url}/app/settings`);
    await admin.waitForSelector(`#settings tr[data-key="${SLA_KEY}"]`);
    await admin.type('#setting-key', SLA_KEY);
    await admin.type('#setting-value', '90');
    await admin.click('#settings-form button');
    await admin.waitForSelector('#settings-message[data-outcome="saved"]');
    expect(await text(admin, '#settings-message')).toBe(`Saved: ${SLA_KEY} is now 90.`);
    expect(await text(admin, `#settings tr[data-key="${SLA_KEY}"]`)).toBe(
      `${SLA_KEY}90workspace (Simulated Inc)no`,
    );
    expect((await workspaceSettings())?.overrides).toEqual([{ key: SLA_KEY, value: 90 }]);

    const before = await workspaceSettings();
    await admin.$eval('#setting-value', (input) => ((input as HTMLInputElement).value = ''));
    await admin.type('#setting-value', '-5');
    await admin.click('#settings-form button');
    await admin.waitForSelector('#settings-message[data-outcome="refused"]');
    expect(await text(admin, '#settings-message')).toMatch(/^Not saved: .*sla/);
    // The browser logs the refused call (422) as a failed load: that one is expected.
    expect(errors.splice(0)).toEqual([expect.stringContaining('status of 422')]);
    expect(await workspaceSettings()).toEqual(before);
  });

  it("shows a channel's settings as it inherits them, and saves there without a lock", async () => {
    await admin.goto(`${t.bot.url}/app/settings`);
    await admin.waitForSelector(`#channel_id option[value="${CHANNEL}"]`);
    await admin.select('#channel_id', CHANNEL);
    await Promise.all([admin.waitForNavigation(), admin.click('form.filters button')]);
    await admin.waitForSelector('#settings[data-level="channel"]');
    expect(await admin.$eval('#lock-field', (field) => (field as HTMLElement).hidden)).toBe(true);
    const row = await text(admin, `#settings tr[data-key="${SLA_KEY}"]`);
    expect(row).toBe(`${SLA_KEY}60channel (ext-acme)no`);
  });

  it('shows an agent the settings but refuses their change with a sentence, writing nothing', async () => {
    const context = await browser.createBrowserContext();
    try {
      const agent = await context.newPage();
      expect(await signIn(agent, await signInLink(t, AGENT))).toBe(200);
      expect(await sessions()).toContainEqual(
        expect.objectContaining({ userId: AGENT, role: 'agent' }),
      );
      await agent.goto(`${t.bot.url}/app/settings`);
      await agent.waitForSelector(`#settings tr[data-key="${SLA_KEY}"]`);
      const before = await workspaceSettings();
      await agent.type('#setting-key', SLA_KEY);
      await agent.type('#setting-value', '30');
      await agent.click('#settings-form button');
      await agent.waitForSelector('#settings-message[data-outcome="refused"]');
      expect(await text(agent, '#settings-message')).toBe(ADMIN_ONLY);
      expect(await workspaceSettings()).toEqual(before);
    } finally {
      await context.close();
    }
  });

  it('refuses an expired link with a sentence saying so', async () => {
    const link = await signInLink(t, ADMIN);
    const count = (await sessions()).length;
    clock.advanceMinutes(11);
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      expect(await signIn(page, link)).toBe(410);
      expect(await text(page, '[role="alert"]')).toBe(LINK_REFUSALS.expired.say);
    } finally {
      await context.close();
    }
    expect(await sessions()).toHaveLength(count);
  });

  it('fits a phone-width screen and starts keyboard users at a skip link', async () => {
    await admin.setViewport({ width: 375, height: 800 });
    for (const path of [
      '/app',
      '/app/requests?status=all',
      `/app/requests/${ids.billing}`,
      '/app/settings',
    ]) {
      await admin.goto(`${t.bot.url}${path}`);
      await admin.waitForSelector('main');
      const overflow = await admin.evaluate(() => document.documentElement.scrollWidth);
      expect([path, overflow]).toEqual([path, 375]);
    }
    await admin.keyboard.press('Tab');
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await admin.setViewport({ width: 1280, height: 900 });
  });
});
