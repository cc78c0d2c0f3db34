import { CRAWLER_AGENT, MAX_REDIRECTS, onSite, pageKey } from '../../kb/crawl.js';

/** Why a page was not read. */
export type Skip =
  'off_host' | 'redirect_loop' | 'too_many_redirects' | 'too_large' | 'not_html' | 'http_error';

export type Fetched =
  { ok: true; url: string; text: string; type: string } | { ok: false; url: string; why: Skip };

const TIMEOUT_MS = 10_000;

/**
 * GETs a URL of the site: redirects followed by hand and only within the site's host (a loop,
 * a hop off the host or more than `MAX_REDIRECTS` stop it), the body read as a stream and
 * given up past `maxBytes` (a `Content-Length` over it is refused before reading).
 */
export async function fetchOnSite(site: URL, url: string, maxBytes: number): Promise<Fetched> {
  const seen = new Set<string>();
  let current = pageKey(url);
  for (let hop = 0; ; hop++) {
    if (!onSite(site, current)) return { ok: false, url, why: 'off_host' };
    if (seen.has(current)) return { ok: false, url, why: 'redirect_loop' };
    if (hop > MAX_REDIRECTS) return { ok: false, url, why: 'too_many_redirects' };
    seen.add(current);
    const res = await fetch(current, {
      redirect: 'manual',
      headers: { 'user-agent': CRAWLER_AGENT, accept: 'text/html, application/xml, text/plain' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      current = pageKey(new URL(location, current).toString());
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, url, why: 'http_error' };
    }
    const text = await readBounded(res, maxBytes);
    if (text === undefined) return { ok: false, url, why: 'too_large' };
    return { ok: true, url: current, text, type: res.headers.get('content-type') ?? '' };
  }
}

async function readBounded(res: Response, maxBytes: number): Promise<string | undefined> {
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
