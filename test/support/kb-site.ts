import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page of the site: HTML, a redirect, or a body of a given size. */
export type SitePage =
  { html: string } | { redirect: string } | { bytes: number } | { text: string; type: string };

/**
 * A local help-centre web site for the crawler (plain node http): pages by path, changeable
 * while it runs (`pages`), and every request it served (`served`), so a test can tell what the
 * crawler fetched and what it never asked for.
 */
export class KbSite {
  readonly pages = new Map<string, SitePage>();
  readonly served: string[] = [];
  private server: Server | undefined;
  port = 0;

  /** `http://127.0.0.1:<port>`: the site's own origin. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The same server under another host name (`localhost`): another host to the crawler. */
  get otherHost(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.served.push(`${req.headers.host?.split(':')[0]} ${path}`);
      const page = this.pages.get(path);
      if (!page) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      } else if ('redirect' in page) {
        res.writeHead(302, { location: page.redirect }).end();
      } else if ('bytes' in page) {
        // Streamed without a Content-Length, so only counting while reading can refuse it.
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(16_384, 'a');
        let left = page.bytes;
        const write = () => {
          while (left > 0) {
            left -= chunk.length;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        res.on('error', () => undefined);
        write();
      } else if ('html' in page) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page.html);
      } else {
        res.writeHead(200, { 'content-type': page.type }).end(page.text);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** An HTML page with a title, navigation and a body. */
export const htmlPage = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title><script>var x = 1;</script></head>` +
  `<body><nav>Home · Pricing · Blog</nav><main><h1>${title}</h1><p>${body}</p></main>` +
  `<footer>© Acme</footer></body></html>`;

/** A sitemap `<urlset>` of these URLs. */
export const urlset = (urls: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
  urls.map((url) => `<url><loc>${url}</loc></url>`).join('') +
  `</urlset>`;

/** A `<sitemapindex>` of these sitemaps. */
export const sitemapIndex = (urls: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
  urls.map((url) => `<sitemap><loc>${url}</loc></sitemap>`).join('') +
  `</sitemapindex>`;
