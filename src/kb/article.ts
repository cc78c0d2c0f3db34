import { z } from 'zod';

/**
 * The knowledge base's portals and articles (issue 16, part 3), in the shapes of Chatwoot's
 * Help Center API (seed 003: `/api/v1/portals`, `/api/v1/portals/{id}/articles`), the
 * workspace standing for Chatwoot's account. Pure: shapes and limits.
 */

export const MAX_PORTALS = 50;
/** The most articles a portal keeps (a crawl stops there too). */
export const MAX_ARTICLES = 2_000;
export const MAX_TITLE = 300;
export const MAX_ARTICLE_CONTENT = 100_000;

export const ARTICLE_STATUS = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUS)[number];

const Text = (max: number) =>
  z.string().max(max, `at most ${max} characters`).trim().min(1, 'must not be empty');

/** An absolute http(s) URL. */
export const WebUrl = z
  .string()
  .max(2_000, 'at most 2000 characters')
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), {
    message: 'an absolute http(s) URL',
  });

const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'lower-case letters, digits, - and _ (at most 100)');

const PortalFields = {
  name: Text(100),
  slug: Slug,
  archived: z.boolean(),
  header_text: z.string().max(300, 'at most 300 characters'),
  page_title: z.string().max(300, 'at most 300 characters'),
  homepage_link: WebUrl,
  color: z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'a hex colour such as #1f93ff'),
};

/** `POST /api/v1/portals`: a name and slug; the rest optional (Chatwoot's fields). */
export const PortalCreate = z
  .strictObject({
    name: PortalFields.name,
    slug: PortalFields.slug,
    archived: PortalFields.archived.default(false),
    header_text: PortalFields.header_text.optional(),
    page_title: PortalFields.page_title.optional(),
    homepage_link: PortalFields.homepage_link.optional(),
    color: PortalFields.color.optional(),
  })
  .meta({ id: 'PortalCreate' });
export type PortalCreate = z.infer<typeof PortalCreate>;

/** `PATCH /api/v1/portals/{id}`: any of the fields. */
export const PortalUpdate = z
  .strictObject({
    name: PortalFields.name.optional(),
    slug: PortalFields.slug.optional(),
    archived: PortalFields.archived.optional(),
    header_text: PortalFields.header_text.optional(),
    page_title: PortalFields.page_title.optional(),
    homepage_link: PortalFields.homepage_link.optional(),
    color: PortalFields.color.optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'PortalUpdate' });
export type PortalUpdate = z.infer<typeof PortalUpdate>;

const ArticleMeta = z
  .strictObject({
    tags: z.array(z.string().max(50, 'at most 50 characters')).max(20, 'at most 20 tags'),
    title: z.string().max(MAX_TITLE, `at most ${MAX_TITLE} characters`),
    description: z.string().max(1_000, 'at most 1000 characters'),
  })
  .partial();

const ArticleFields = {
  title: Text(MAX_TITLE),
  content: Text(MAX_ARTICLE_CONTENT),
  slug: Slug,
  status: z.enum(ARTICLE_STATUS),
  position: z.number().int().min(0).max(1_000_000),
  /** Where the article is read: shown as the suggestion's link. */
  url: WebUrl,
  meta: ArticleMeta,
};

/**
 * `POST /api/v1/portals/{id}/articles`: a title and content; `status` is `published` unless
 * given (only published articles are searched and suggested).
 */
export const ArticleCreate = z
  .strictObject({
    title: ArticleFields.title,
    content: ArticleFields.content,
    slug: ArticleFields.slug.optional(),
    status: ArticleFields.status.default('published'),
    position: ArticleFields.position.optional(),
    url: ArticleFields.url.optional(),
    meta: ArticleFields.meta.optional(),
  })
  .meta({ id: 'ArticleCreate' });
export type ArticleCreate = z.infer<typeof ArticleCreate>;

/** `PATCH /api/v1/portals/{id}/articles/{articleId}`: any of the fields. */
export const ArticleUpdate = z
  .strictObject({
    title: ArticleFields.title.optional(),
    content: ArticleFields.content.optional(),
    slug: ArticleFields.slug.optional(),
    status: ArticleFields.status.optional(),
    position: ArticleFields.position.optional(),
    url: ArticleFields.url.optional(),
    meta: ArticleFields.meta.optional(),
  })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'ArticleUpdate' });
export type ArticleUpdate = z.infer<typeof ArticleUpdate>;

/** A slug made from a title: lower-case words joined by `-` (at most 100 characters). */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug || 'article';
}
