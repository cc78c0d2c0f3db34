import { Types } from 'mongoose';
import { isDocumentId } from './parse.js';
import { MAX_ARTICLES, slugOf, type ArticleCreate, type ArticleUpdate } from '../../kb/article.js';
import type { IndexedArticle } from '../../kb/search.js';
import { AppError, validationError } from '../../errors.js';
import {
  isDuplicateKey,
  KbArticleDocument,
  parseKbArticle,
  type KbArticleDoc,
  type Models,
} from '../models/index.js';
import { KbIndexStore } from './kb-index.js';

/** What an article is suggested with: its title and where it is read. */
export type ArticleLink = Pick<KbArticleDoc, 'title' | 'url' | 'content'> & { id: string };

/**
 * A portal's articles. Every change moves the workspace's index version on (`KbIndexStore.bump`)
 * after it is written, so the next search sees it. An id that is not the portal's answers
 * `article_not_found`.
 */
export class KbArticleStore {
  private readonly indexes: KbIndexStore;
  constructor(private readonly models: Models) {
    this.indexes = new KbIndexStore(models);
  }

  async list(teamId: string, portalId: string): Promise<KbArticleDoc[]> {
    const docs = await this.models.kbArticles
      .find({ teamId, portalId })
      .sort({ position: 1, slug: 1 })
      .lean();
    return docs.map(parseKbArticle);
  }

  async get(teamId: string, portalId: string, id: string): Promise<KbArticleDoc> {
    const doc = isDocumentId(id)
      ? await this.models.kbArticles.findOne({ _id: id, teamId, portalId }).lean()
      : null;
    if (!doc) throw notFound(id);
    return parseKbArticle(doc);
  }

  /** Creates an article; without a slug, one is made from the title (made unique with its id). */
  async create(teamId: string, portalId: string, input: ArticleCreate): Promise<KbArticleDoc> {
    if ((await this.models.kbArticles.countDocuments({ teamId, portalId })) >= MAX_ARTICLES) {
      throw validationError([
        {
          loc: ['body'],
          msg: `a portal has at most ${MAX_ARTICLES} articles`,
          type: 'value_error.limit',
        },
      ]);
    }
    const _id = new Types.ObjectId();
    const fields = { _id, teamId, portalId, ...fieldsOf(input) };
    const insert = (slug: string) => this.models.kbArticles.create({ ...fields, slug });
    let created;
    try {
      created = await insert(input.slug ?? slugOf(input.title));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (input.slug) throw duplicate(input.slug);
      created = await insert(`${slugOf(input.title).slice(0, 90)}-${String(_id).slice(-8)}`);
    }
    await this.indexes.bump(teamId);
    return parseKbArticle(created.toObject());
  }

  async update(
    teamId: string,
    portalId: string,
    id: string,
    update: ArticleUpdate,
  ): Promise<KbArticleDoc> {
    if (!isDocumentId(id)) throw notFound(id);
    const slug = update.slug;
    if (
      slug &&
      (await this.models.kbArticles.exists({ teamId, portalId, slug, _id: { $ne: id } }))
    ) {
      throw duplicate(slug);
    }
    let updated;
    try {
      updated = await this.models.kbArticles
        .findOneAndUpdate(
          { _id: id, teamId, portalId },
          { $set: fieldsOf(update) },
          { returnDocument: 'after' },
        )
        .lean();
    } catch (error) {
      if (isDuplicateKey(error)) throw duplicate(slug);
      throw error;
    }
    if (!updated) throw notFound(id);
    await this.indexes.bump(teamId);
    return parseKbArticle(updated);
  }

  async remove(teamId: string, portalId: string, id: string): Promise<void> {
    const removed = isDocumentId(id)
      ? await this.models.kbArticles.deleteOne({ _id: id, teamId, portalId })
      : undefined;
    if (!removed?.deletedCount) throw notFound(id);
    await this.indexes.bump(teamId);
  }

  /** Removes every article of a portal (the portal is being deleted). */
  async removePortal(teamId: string, portalId: string): Promise<void> {
    await this.models.kbArticles.deleteMany({ teamId, portalId });
    await this.indexes.bump(teamId);
  }

  /**
   * A crawl's pages become the portal's articles: each page upserted by its URL, and articles of
   * pages the crawl no longer found removed. Returns how many articles the portal has now.
   */
  async replaceCrawled(
    teamId: string,
    portalId: string,
    pages: readonly { url: string; slug: string; title: string; content: string }[],
  ): Promise<number> {
    await this.models.kbArticles.deleteMany({
      teamId,
      portalId,
      url: { $nin: pages.map((page) => page.url) },
    });
    for (const page of pages) {
      await this.models.kbArticles.updateOne(
        { teamId, portalId, url: page.url },
        {
          $set: { title: page.title, content: page.content, slug: page.slug, status: 'published' },
        },
        { upsert: true },
      );
    }
    await this.indexes.bump(teamId);
    return this.models.kbArticles.countDocuments({ teamId, portalId });
  }

  /** What the workspace's index holds: its published articles of portals not archived. */
  async searchable(teamId: string, portalIds: readonly string[]): Promise<IndexedArticle[]> {
    const docs = await this.models.kbArticles
      .find(
        { teamId, status: 'published', portalId: { $in: portalIds } },
        { title: 1, content: 1, tags: 1 },
      )
      .lean();
    return docs.map((doc) => {
      const article = Indexed.parse(doc);
      return {
        id: String(article._id),
        title: article.title,
        content: article.content,
        tags: article.tags,
      };
    });
  }

  /** The workspace's published articles with these ids (a suggestion's links and snippets). */
  async links(teamId: string, ids: readonly string[]): Promise<ArticleLink[]> {
    const docs = await this.models.kbArticles
      .find({ teamId, status: 'published', _id: { $in: ids.filter(isDocumentId) } })
      .lean();
    return docs
      .map(parseKbArticle)
      .map((a) => ({ id: String(a._id), title: a.title, url: a.url, content: a.content }));
  }
}

// What the index reads of an article (a projection, parsed by the schema's pick).
const Indexed = KbArticleDocument.pick({ _id: true, title: true, content: true, tags: true });

function fieldsOf(input: ArticleCreate | ArticleUpdate): Partial<KbArticleDoc> {
  const fields: Partial<KbArticleDoc> = {};
  if (input.title !== undefined) fields.title = input.title;
  if (input.content !== undefined) fields.content = input.content;
  if (input.slug !== undefined) fields.slug = input.slug;
  if (input.status !== undefined) fields.status = input.status;
  if (input.position !== undefined) fields.position = input.position;
  if (input.url !== undefined) fields.url = input.url;
  if (input.meta?.tags !== undefined) fields.tags = input.meta.tags;
  if (input.meta?.title !== undefined) fields.metaTitle = input.meta.title;
  if (input.meta?.description !== undefined) fields.metaDescription = input.meta.description;
  return fields;
}

function notFound(id: string): AppError {
  return new AppError('article_not_found', `unknown article ${id}`);
}

function duplicate(slug: string | undefined): AppError {
  return validationError([
    {
      loc: ['body', 'slug'],
      msg: `the slug ${slug} is used by another article of this portal`,
      type: 'value_error.duplicate',
    },
  ]);
}
