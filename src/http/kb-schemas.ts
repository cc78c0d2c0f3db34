import { z } from 'zod';

// Portals and articles: the bodies are the domain's (src/kb/article.ts).
export { ArticleCreate, ArticleUpdate, PortalCreate, PortalUpdate } from '../kb/article.js';

export const PortalIdParams = z.object({ id: z.string() });
export const ArticleIdParams = z.object({ id: z.string(), articleId: z.string() });

/** Chatwoot's Help Center portal (the workspace standing for its account), as the API answers it. */
export const PortalResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    archived: z.boolean(),
    color: z.string().nullable(),
    header_text: z.string().nullable(),
    page_title: z.string().nullable(),
    homepage_link: z.string().nullable(),
    crawl_url: z.string().nullable().describe('The site the crawler fills it from, if any'),
    crawled_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Portal' });
export type PortalResponse = z.infer<typeof PortalResponse>;

/** `POST /api/v1/portals/{id}/crawl`: an empty JSON object (nothing to choose yet). */
export const CrawlRequest = z.strictObject({}).meta({ id: 'CrawlRequest' });

/** What `POST /api/v1/portals/{id}/crawl` did. */
export const CrawlReportResponse = z
  .object({
    pages: z.number().int().describe('Pages read into articles'),
    articles: z.number().int().describe('Articles the portal has now'),
    skipped: z.array(
      z.object({
        url: z.string(),
        why: z.enum([
          'robots',
          'limit',
          'off_host',
          'redirect_loop',
          'too_many_redirects',
          'too_large',
          'not_html',
          'http_error',
        ]),
      }),
    ),
  })
  .meta({ id: 'CrawlReport' });

/** Chatwoot's Help Center article, as the API answers it. */
export const ArticleResponse = z
  .object({
    id: z.string(),
    portal_id: z.string(),
    title: z.string(),
    content: z.string(),
    slug: z.string(),
    status: z.enum(['draft', 'published', 'archived']),
    position: z.number().int().nullable(),
    url: z.string().nullable(),
    meta: z.object({
      tags: z.array(z.string()),
      title: z.string().nullable(),
      description: z.string().nullable(),
    }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Article' });
export type ArticleResponse = z.infer<typeof ArticleResponse>;
