import { convert } from 'html-to-text';
import robotsModule from 'robots-parser';
import type { KbPortalDoc } from '../../db/models/index.js';
import { KbArticleStore } from '../../db/repositories/kb-articles.js';
import { KbPortalStore } from '../../db/repositories/kb-portals.js';
import { configuredSites } from '../../db/repositories/kb-sites.js';
import type { BotDeps } from '../../deps.js';
import { validationError } from '../../errors.js';
import { MAX_ARTICLE_CONTENT, slugOf } from '../../kb/article.js';
import {
  CRAWLER_AGENT,
  MAX_SITEMAP_DEPTH,
  MAX_SITEMAPS,
  onSite,
  pageKey,
  pageSlug,
  readSitemap,
  titleOf,
} from '../../kb/crawl.js';
import { refusedUrl } from '../webhooks/address.js';
import { fetchOnSite, type Skip } from './fetch.js';

// robots-parser is CommonJS (`module.exports = fn`) typed as a default export: take whichever is
// the function, as Node's ESM loader and the type checker each see it.
type RobotsParser = typeof robotsModule.default;
const robotsParser: RobotsParser =
  (robotsModule as unknown as { default?: RobotsParser }).default ??
  (robotsModule as unknown as RobotsParser);

type CrawlDeps = Pick<BotDeps, 'models' | 'env' | 'clock' | 'logger'>;

/** What a crawl did: pages read into articles, and pages left out with why. */
export interface CrawlReport {
  pages: number;
  articles: number;
  skipped: { url: string; why: Skip | 'robots' | 'limit' }[];
}

/**
 * Reads a portal's site (`crawlUrl`): robots.txt (honoured for `CRAWLER_AGENT`), the sitemaps
 * it names or `/sitemap.xml` (indexes followed `MAX_SITEMAP_DEPTH` deep, each read once), then
 * each listed page on the same host, at most `KB_MAX_PAGES`, each at most `KB_MAX_PAGE_BYTES`;
 * HTML pages become the portal's articles (text by html-to-text), replacing the last crawl's.
 * A site on a private, loopback or link-local address is refused unless `KB_ALLOW_PRIVATE`.
 */
export async function crawlPortal(deps: CrawlDeps, portal: KbPortalDoc): Promise<CrawlReport> {
  if (!portal.crawlUrl) {
    throw validationError([
      { loc: ['path', 'id'], msg: 'this portal has no site to crawl', type: 'value_error' },
    ]);
  }
  const site = new URL(portal.crawlUrl);
  const refused = await refusedUrl(site.toString(), deps.env.KB_ALLOW_PRIVATE);
  if (refused) {
    throw validationError([{ loc: ['knowledge_base_url'], msg: refused, type: 'value_error.url' }]);
  }
  const maxBytes = deps.env.KB_MAX_PAGE_BYTES;
  const robotsUrl = new URL('/robots.txt', site).toString();
  const robotsText = await fetchOnSite(site, robotsUrl, maxBytes).catch(() => undefined);
  const robots = robotsParser(robotsUrl, robotsText?.ok ? robotsText.text : '');
  const allowed = (url: string) => robots.isAllowed(url, CRAWLER_AGENT) !== false;

  const skipped: CrawlReport['skipped'] = [];
  const pageUrls = await sitemapPages(site, robots.getSitemaps(), maxBytes);
  const pages: { url: string; slug: string; title: string; content: string }[] = [];
  const visited = new Set<string>();
  for (const url of pageUrls) {
    if (visited.has(url)) continue;
    visited.add(url);
    if (!allowed(url)) {
      skipped.push({ url, why: 'robots' });
      continue;
    }
    if (pages.length >= deps.env.KB_MAX_PAGES) {
      skipped.push({ url, why: 'limit' });
      continue;
    }
    const page = await fetchOnSite(site, url, maxBytes).catch(() => ({
      ok: false as const,
      url,
      why: 'http_error' as const,
    }));
    if (!page.ok) {
      skipped.push({ url, why: page.why });
      continue;
    }
    if (!/html/i.test(page.type)) {
      skipped.push({ url, why: 'not_html' });
      continue;
    }
    const content = textOf(page.text);
    if (!content) continue;
    pages.push({
      url: page.url,
      slug: pageSlug(page.url),
      title: titleOf(page.text, page.url),
      content,
    });
  }
  const articles = await new KbArticleStore(deps.models).replaceCrawled(
    portal.teamId,
    String(portal._id),
    pages,
  );
  await new KbPortalStore(deps.models).crawled(portal.teamId, String(portal._id), deps.clock.now());
  deps.logger.info(
    { portalId: String(portal._id), pages: pages.length, skipped: skipped.length },
    'kb crawl',
  );
  return { pages: pages.length, articles, skipped };
}

/** The page URLs of the site's sitemaps (those robots.txt names on the host, else /sitemap.xml). */
async function sitemapPages(
  site: URL,
  named: readonly string[],
  maxBytes: number,
): Promise<string[]> {
  const start = named.filter((url) => onSite(site, url));
  let level = start.length > 0 ? start : [new URL('/sitemap.xml', site).toString()];
  const read = new Set<string>();
  const pages: string[] = [];
  for (let depth = 0; depth < MAX_SITEMAP_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const url of level) {
      const key = pageKey(url);
      if (read.has(key) || read.size >= MAX_SITEMAPS || !onSite(site, key)) continue;
      read.add(key);
      const fetched = await fetchOnSite(site, key, maxBytes).catch(() => undefined);
      if (!fetched?.ok) continue;
      const found = readSitemap(fetched.text);
      pages.push(...found.pages.filter((page) => onSite(site, page)).map(pageKey));
      next.push(...found.sitemaps);
    }
    level = next;
  }
  return pages;
}

/** A page's readable text: navigation, scripts, images and link targets left out. */
function textOf(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'header', format: 'skip' },
      { selector: 'footer', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
        selector,
        options: { uppercase: false },
      })),
    ],
  })
    .trim()
    .slice(0, MAX_ARTICLE_CONTENT);
}

/**
 * The daily crawl: every site set as `knowledge_base_url` (any level) is crawled into its portal
 * (made on first sight, named after the site's host). A site that fails is logged and the next
 * one crawled.
 */
export async function crawlConfiguredSites(deps: CrawlDeps): Promise<number> {
  const portals = new KbPortalStore(deps.models);
  let crawled = 0;
  for (const { teamId, url } of await configuredSites(deps.models)) {
    try {
      const portal =
        (await portals.byCrawlUrl(teamId, url)) ?? (await portalFor(portals, teamId, url));
      await crawlPortal(deps, portal);
      crawled += 1;
    } catch (error) {
      deps.logger.warn({ err: error, teamId, url }, 'kb crawl failed');
    }
  }
  return crawled;
}

function portalFor(portals: KbPortalStore, teamId: string, url: string) {
  const host = new URL(url).host;
  const slug = `site-${slugOf(url.replace(/^https?:\/\//, ''))}`.slice(0, 100);
  return portals.create(teamId, { name: host, slug, archived: false }, url);
}
