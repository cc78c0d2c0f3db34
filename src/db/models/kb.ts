import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { ARTICLE_STATUS } from '../../kb/article.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * A knowledge-base portal (Chatwoot's Help Center portal, `src/kb/article.ts`); slug unique per
 * workspace. A portal with `crawlUrl` is filled by the crawler from that site.
 */
export const KbPortalDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  name: z.string(),
  slug: z.string(),
  archived: z.boolean().default(false),
  headerText: z.string().nullable().default(null),
  pageTitle: z.string().nullable().default(null),
  homepageLink: z.string().nullable().default(null),
  color: z.string().nullable().default(null),
  /** The site this portal is crawled from (`knowledge_base_url`); null for a hand-made portal. */
  crawlUrl: z.string().nullable().default(null),
  crawledAt: z.date().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type KbPortalDoc = z.infer<typeof KbPortalDocument>;
export const parseKbPortal = (doc: unknown): KbPortalDoc => KbPortalDocument.parse(doc);

const PortalSchema = mongooseSchema(KbPortalDocument, {
  timestamps: true,
  collection: 'kb_portals',
});
PortalSchema.index({ teamId: 1, slug: 1 }, { unique: true });

/** An article of a portal; only `published` ones are searched. */
export const KbArticleDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  portalId: z.string(),
  title: z.string(),
  content: z.string(),
  slug: z.string(),
  status: z.enum(ARTICLE_STATUS),
  position: z.number().int().nullable().default(null),
  url: z.string().nullable().default(null),
  tags: z.array(z.string()).default([]),
  metaTitle: z.string().nullable().default(null),
  metaDescription: z.string().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type KbArticleDoc = z.infer<typeof KbArticleDocument>;
export const parseKbArticle = (doc: unknown): KbArticleDoc => KbArticleDocument.parse(doc);

const ArticleSchema = mongooseSchema(KbArticleDocument, {
  timestamps: true,
  collection: 'kb_articles',
});
ArticleSchema.index({ teamId: 1, portalId: 1, slug: 1 }, { unique: true });
ArticleSchema.index({ teamId: 1, status: 1 });

/**
 * A workspace's search index: `version` goes up (`$inc`) with every article change, and `index`
 * is MiniSearch's JSON as built at `indexedVersion`; an instance whose copy is older rebuilds it
 * from the articles and stores it back only if no change came in meanwhile.
 */
export const KbIndexDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  version: z.number().int().min(0).default(0),
  indexedVersion: z.number().int().nullable().default(null),
  index: z.string().nullable().default(null),
});
export type KbIndexDoc = z.infer<typeof KbIndexDocument>;
export const parseKbIndex = (doc: unknown): KbIndexDoc => KbIndexDocument.parse(doc);

const IndexSchema = mongooseSchema(KbIndexDocument, { collection: 'kb_indexes' });
IndexSchema.index({ teamId: 1 }, { unique: true });

export type KbPortalModel = Model<KbPortalDoc>;
export type KbArticleModel = Model<KbArticleDoc>;
export type KbIndexModel = Model<KbIndexDoc>;
export const kbPortalModel = (db: Connection): KbPortalModel =>
  db.models.KbPortal ?? db.model<KbPortalDoc>('KbPortal', PortalSchema);
export const kbArticleModel = (db: Connection): KbArticleModel =>
  db.models.KbArticle ?? db.model<KbArticleDoc>('KbArticle', ArticleSchema);
export const kbIndexModel = (db: Connection): KbIndexModel =>
  db.models.KbIndex ?? db.model<KbIndexDoc>('KbIndex', IndexSchema);
