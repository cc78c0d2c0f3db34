import { onSite, pageSlug, readSitemap, titleOf } from '../../../src/kb/crawl.js';

describe('onSite', () => {
  const site = new URL('https://help.acme.test/');
  it.each<[string, boolean]>([
    ['https://help.acme.test/reset', true],
    ['http://help.acme.test/reset', true], // the scheme may change, the host may not
    ['https://acme.test/reset', false],
    ['https://help.acme.test:8443/reset', false], // another port is another site
    ['https://evil.test/?u=https://help.acme.test/', false],
    ['ftp://help.acme.test/file', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(onSite(site, url)).toBe(expected);
  });
});

describe('readSitemap', () => {
  it('reads the pages of a urlset, one or many', () => {
    const one = '<urlset><url><loc> https://h.test/a </loc></url></urlset>';
    const two =
      '<urlset><url><loc>https://h.test/a</loc></url><url><loc>https://h.test/b?x=1&amp;y=2</loc></url></urlset>';
    expect(readSitemap(one)).toEqual({ pages: ['https://h.test/a'], sitemaps: [] });
    expect(readSitemap(two).pages).toEqual(['https://h.test/a', 'https://h.test/b?x=1&y=2']);
  });

  it('reads the sitemaps of a sitemap index', () => {
    const index =
      '<sitemapindex><sitemap><loc>https://h.test/s1.xml</loc></sitemap></sitemapindex>';
    expect(readSitemap(index)).toEqual({ pages: [], sitemaps: ['https://h.test/s1.xml'] });
  });

  it.each(['', 'not xml at all', '<html><body>404</body></html>'])('is empty for %j', (text) => {
    expect(readSitemap(text)).toEqual({ pages: [], sitemaps: [] });
  });
});

describe('pageSlug and titleOf', () => {
  it('makes a slug of the path, distinct for distinct paths', () => {
    expect(pageSlug('https://h.test/docs/Reset-Password.html')).toMatch(
      /^docs-reset-password-[0-9a-z]+$/,
    );
    expect(pageSlug('https://h.test/')).toMatch(/^index-/);
    expect(pageSlug('https://h.test/a?p=1')).not.toBe(pageSlug('https://h.test/a?p=2'));
  });

  it('takes the page’s <title>, else its path', () => {
    expect(titleOf('<title> Reset &amp; sign in </title>', 'https://h.test/r')).toBe(
      'Reset & sign in',
    );
    expect(titleOf('<p>no title</p>', 'https://h.test/docs/r')).toBe('/docs/r');
  });
});
