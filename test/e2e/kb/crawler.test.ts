import { KB_CRAWL } from '../../../jobs/kb-crawl.js';
import { createApiToken } from '../../../src/db/repositories/api-tokens.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import { KbSite, htmlPage, sitemapIndex, urlset } from '../../support/kb-site.js';
import { eventually } from '../requests/world.js';

/**
 * A help centre on a local web site, named as the workspace's `knowledge_base_url`: the daily
 * crawl (run through Agenda) and `POST /portals/{id}/crawl` read it into a portal's articles.
 */
describe('knowledge-base crawler', () => {
  const site = new KbSite();
  let t: TestBot;
  let o: string; // the site's origin
  beforeAll(async () => {
    await site.start();
    o = site.origin;
    t = await startTestBot({ env: { KB_ALLOW_PRIVATE: 'true', KB_MAX_PAGE_BYTES: '100000' } });
    site.pages.set('/robots.txt', {
      type: 'text/plain',
      text: `User-agent: *\nDisallow: /private/\nSitemap: ${o}/sitemap_index.xml\nSitemap: ${site.otherHost}/elsewhere.xml\n`,
    });
    // The index names itself too: read once, not forever.
    site.pages.set('/sitemap_index.xml', {
      type: 'application/xml',
      text: sitemapIndex([`${o}/sitemap-pages.xml`, `${o}/sitemap_index.xml`]),
    });
    site.pages.set('/sitemap-pages.xml', {
      type: 'application/xml',
      text: urlset([
        `${o}/reset-password`,
        `${o}/invoices`,
        `${o}/reset-password#again`,
        `${o}/private/secret`,
        `${site.otherHost}/offsite`,
        `${o}/loop-a`,
        `${o}/moved`,
        `${o}/away`,
        `${o}/huge`,
      ]),
    });
    site.pages.set('/reset-password', {
      html: htmlPage(
        'Reset your password',
        'Choose <a href="/forgot">Forgot password</a> on the sign-in page.',
      ),
    });
    site.pages.set('/invoices', {
      html: htmlPage('Download invoices', 'Billing → Invoices, as PDF.'),
    });
    site.pages.set('/private/secret', { html: htmlPage('Secret', 'Not for robots.') });
    site.pages.set('/loop-a', { redirect: '/loop-b' });
    site.pages.set('/loop-b', { redirect: `${o}/loop-a` });
    site.pages.set('/moved', { redirect: '/export' });
    site.pages.set('/export', {
      html: htmlPage('Export to CSV', 'Reports → Export writes a CSV file.'),
    });
    site.pages.set('/away', { redirect: `${site.otherHost}/export` });
    site.pages.set('/huge', { bytes: 300_000 });
  });
  afterAll(async () => {
    await t.stop();
    await site.stop();
  });

  const articles = () => t.db.collection('kb_articles').find({}).sort({ url: 1 }).toArray();
  const portal = () => t.db.collection('kb_portals').findOne({ crawlUrl: `${o}/` });

  it('reads the sitemap’s pages on the host into articles, honouring robots.txt and refusing loops, other hosts and oversize pages', async () => {
    const set = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { requests: { config: { knowledge_base_url: `${o}/` } } },
    });
    expect(set.status).toBe(200);
    await t.bot.agenda.now(KB_CRAWL, { key: KB_CRAWL }); // the daily job, run now
    const crawled = await eventually(async () => {
      const found = await portal();
      return found?.crawledAt ? found : undefined;
    }, 15_000);
    expect([crawled.name, crawled.slug, crawled.teamId]).toEqual([
      `127.0.0.1:${site.port}`,
      expect.stringMatching(/^site-127-0-0-1/),
      t.teamId,
    ]);
    expect((await articles()).map((a) => [a.url, a.title, a.status, a.portalId])).toEqual([
      [`${o}/export`, 'Export to CSV', 'published', String(crawled._id)], // after /moved's redirect
      [`${o}/invoices`, 'Download invoices', 'published', String(crawled._id)],
      [`${o}/reset-password`, 'Reset your password', 'published', String(crawled._id)],
    ]);
    const reset = (await articles())[2]!;
    expect(reset.content).toBe(
      'Reset your password\n\nChoose Forgot password on the sign-in page.',
    );
    // Never asked: another host, a page robots.txt disallows, a page twice, a sitemap twice.
    expect(site.served.filter((s) => s.startsWith('localhost'))).toEqual([]);
    expect(site.served).not.toContain(`127.0.0.1 /private/secret`);
    expect(site.served.filter((s) => s.endsWith(' /reset-password'))).toHaveLength(1);
    expect(site.served.filter((s) => s.endsWith(' /sitemap_index.xml'))).toHaveLength(1);
    expect(site.served.filter((s) => / \/loop-[ab]$/.test(s))).toEqual([
      '127.0.0.1 /loop-a',
      '127.0.0.1 /loop-b',
    ]);
  });

  it('replaces the articles on a crawl asked through the API: changed pages updated, removed ones gone', async () => {
    const { _id } = (await portal())!;
    site.pages.set('/sitemap-pages.xml', {
      type: 'application/xml',
      text: urlset([`${o}/reset-password`, `${o}/moved`, `${o}/huge`, `${o}/away`, `${o}/loop-a`]),
    });
    site.pages.set('/reset-password', {
      html: htmlPage('Reset your password', 'Use the new sign-in page.'),
    });
    const res = await t.api('POST', `/api/v1/portals/${String(_id)}/crawl`, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      pages: 2,
      articles: 2,
      skipped: [
        { url: `${o}/huge`, why: 'too_large' },
        { url: `${o}/away`, why: 'off_host' },
        { url: `${o}/loop-a`, why: 'redirect_loop' },
      ],
    });
    expect((await articles()).map((a) => [a.url, a.content])).toEqual([
      [`${o}/export`, 'Export to CSV\n\nReports → Export writes a CSV file.'],
      [`${o}/reset-password`, 'Reset your password\n\nUse the new sign-in page.'],
    ]);
  });

  it('answers 403 to an agent, 404 to an unknown portal and 422 to a portal without a site; nothing is fetched', async () => {
    const agent = await createApiToken(t.bot.deps.models, t.teamId, 'U0ANN', { role: 'agent' });
    const { _id } = (await portal())!;
    const served = site.served.length;
    expect((await t.api('POST', `/api/v1/portals/${String(_id)}/crawl`, {}, agent)).status).toBe(
      403,
    );
    expect((await t.api('POST', '/api/v1/portals/0123456789abcdef01234567/crawl', {})).status).toBe(
      404,
    );
    const own = await t.api('POST', '/api/v1/portals', { name: 'Hand made', slug: 'hand' });
    const none = await t.api('POST', `/api/v1/portals/${own.body.id}/crawl`, {});
    expect([none.status, none.body.detail[0].msg]).toEqual([
      422,
      'this portal has no site to crawl',
    ]);
    expect(site.served.length).toBe(served);
  });
});

describe('knowledge-base crawler without KB_ALLOW_PRIVATE', () => {
  const site = new KbSite();
  let t: TestBot;
  beforeAll(async () => {
    await site.start();
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
    await site.stop();
  });

  it('refuses a site on a loopback address and fetches nothing', async () => {
    await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { requests: { config: { knowledge_base_url: `${site.origin}/` } } },
    });
    await t.bot.agenda.now(KB_CRAWL, { key: KB_CRAWL });
    const made = await eventually(() => t.db.collection('kb_portals').findOne({}), 15_000);
    const res = await t.api('POST', `/api/v1/portals/${String(made._id)}/crawl`, {});
    expect(res.status).toBe(422);
    expect(res.body.detail[0].msg).toMatch(
      /resolves to 127\.0\.0\.1, a private, loopback or link-local address/,
    );
    expect(site.served).toEqual([]);
    expect(await t.db.collection('kb_articles').countDocuments({})).toBe(0);
  });
});
