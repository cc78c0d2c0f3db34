import { XMLParser } from 'fast-xml-parser';
import { slugOf } from './article.js';

/**
 * The crawler's rules (issue 16, part 3): which URLs of a sitemap are read (same host only),
 * how far sitemap indexes recurse, how redirects are followed. Pure: the fetching is
 * `services/kb/crawl.ts`'s.
 */

/** How deep sitemap indexes may nest (a sitemap index of sitemap indexes of …). */
export const MAX_SITEMAP_DEPTH = 3;
/** The most sitemaps one crawl reads. */
export const MAX_SITEMAPS = 50;
/** The most redirects followed for one page. */
export const MAX_REDIRECTS = 5;
/** The user agent the crawler sends and robots.txt is read for. */
export const CRAWLER_AGENT = 'TriageBot-KB';

/** Whether `url` is an http(s) URL on the site's host (same scheme-less host and port). */
export function onSite(site: URL, url: string): boolean {
  if (!URL.canParse(url)) return false;
  const target = new URL(url);
  return /^https?:$/.test(target.protocol) && target.host === site.host;
}

/** A URL without its fragment (the same page). */
export const pageKey = (url: string): string => url.replace(/#.*$/, '');

const xml = new XMLParser({ ignoreAttributes: true, processEntities: true });

/**
 * The `<loc>`s of a sitemap: page URLs of a `<urlset>`, or sitemap URLs of a `<sitemapindex>`.
 * Anything else (not XML, another root) is empty.
 */
export function readSitemap(text: string): { pages: string[]; sitemaps: string[] } {
  let doc: Record<string, unknown>;
  try {
    doc = xml.parse(text) as Record<string, unknown>;
  } catch {
    return { pages: [], sitemaps: [] };
  }
  const locs = (node: unknown, child: string): string[] => {
    const entries = (node as Record<string, unknown> | undefined)?.[child];
    const list = Array.isArray(entries) ? entries : entries === undefined ? [] : [entries];
    return list
      .map((entry) => String((entry as { loc?: unknown } | null)?.loc ?? '').trim())
      .filter(Boolean);
  };
  return { pages: locs(doc.urlset, 'url'), sitemaps: locs(doc.sitemapindex, 'sitemap') };
}

/** A crawled page's article slug: its path as words, kept unique by the path's own characters. */
export function pageSlug(url: string): string {
  const { pathname, search } = new URL(url);
  const path = `${pathname}${search}`;
  const base = slugOf(path.replace(/\.(html?|php|aspx?)$/i, '')).slice(0, 80);
  let hash = 0;
  for (const char of path) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${base === 'article' ? 'index' : base}-${hash.toString(36)}`;
}

/** A page's title: its `<title>`, else its URL's path. */
export function titleOf(html: string, url: string): string {
  const found = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const title = found
    ?.replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return (title || new URL(url).pathname).slice(0, 300);
}
