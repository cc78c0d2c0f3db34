import { isDocumentId } from './parse.js';
import { MAX_PORTALS, type PortalCreate, type PortalUpdate } from '../../kb/article.js';
import { AppError, validationError } from '../../errors.js';
import { KbIndexStore } from './kb-index.js';
import { isDuplicateKey, parseKbPortal, type KbPortalDoc, type Models } from '../models/index.js';

/**
 * A workspace's knowledge-base portals: one single-document call per operation. An id that is
 * not the workspace's (unknown, malformed or another workspace's) answers `portal_not_found`.
 */
export class KbPortalStore {
  constructor(private readonly models: Models) {}

  async list(teamId: string): Promise<KbPortalDoc[]> {
    const docs = await this.models.kbPortals.find({ teamId }).sort({ slug: 1 }).lean();
    return docs.map(parseKbPortal);
  }

  async get(teamId: string, id: string): Promise<KbPortalDoc> {
    const doc = isDocumentId(id)
      ? await this.models.kbPortals.findOne({ _id: id, teamId }).lean()
      : null;
    if (!doc) throw notFound(id);
    return parseKbPortal(doc);
  }

  /** The portal crawled from this site, if there is one. */
  async byCrawlUrl(teamId: string, crawlUrl: string): Promise<KbPortalDoc | undefined> {
    const doc = await this.models.kbPortals.findOne({ teamId, crawlUrl }).lean();
    return doc ? parseKbPortal(doc) : undefined;
  }

  async create(teamId: string, input: PortalCreate, crawlUrl?: string): Promise<KbPortalDoc> {
    if ((await this.models.kbPortals.countDocuments({ teamId })) >= MAX_PORTALS) {
      throw validationError([
        {
          loc: ['body'],
          msg: `a workspace has at most ${MAX_PORTALS} portals; delete one first`,
          type: 'value_error.limit',
        },
      ]);
    }
    const created = await written(input.slug, () =>
      this.models.kbPortals.create({ teamId, ...fieldsOf(input), crawlUrl: crawlUrl ?? null }),
    );
    return parseKbPortal(created.toObject());
  }

  async update(teamId: string, id: string, update: PortalUpdate): Promise<KbPortalDoc> {
    if (!isDocumentId(id)) throw notFound(id);
    // FerretDB reports a unique-index refusal of an update without MongoDB's code: look first.
    if (
      update.slug &&
      (await this.models.kbPortals.exists({ teamId, slug: update.slug, _id: { $ne: id } }))
    ) {
      throw duplicate(update.slug);
    }
    const updated = await written(update.slug, () =>
      this.models.kbPortals
        .findOneAndUpdate(
          { _id: id, teamId },
          { $set: fieldsOf(update) },
          { returnDocument: 'after' },
        )
        .lean(),
    );
    if (!updated) throw notFound(id);
    // Archiving takes a portal's articles out of the search (and back in).
    if (update.archived !== undefined) await new KbIndexStore(this.models).bump(teamId);
    return parseKbPortal(updated);
  }

  /** Marks a crawl done. */
  async crawled(teamId: string, id: string, at: Date): Promise<void> {
    await this.models.kbPortals.updateOne({ _id: id, teamId }, { $set: { crawledAt: at } });
  }

  /** Deletes the portal; its articles are the caller's to remove (`KbArticleStore.removePortal`). */
  async remove(teamId: string, id: string): Promise<void> {
    const removed = isDocumentId(id)
      ? await this.models.kbPortals.deleteOne({ _id: id, teamId })
      : undefined;
    if (!removed?.deletedCount) throw notFound(id);
  }
}

/** The API's fields as stored (only those given). */
function fieldsOf(input: PortalUpdate | PortalCreate): Partial<KbPortalDoc> {
  const fields: Partial<KbPortalDoc> = {};
  if (input.name !== undefined) fields.name = input.name;
  if (input.slug !== undefined) fields.slug = input.slug;
  if (input.archived !== undefined) fields.archived = input.archived;
  if (input.header_text !== undefined) fields.headerText = input.header_text;
  if (input.page_title !== undefined) fields.pageTitle = input.page_title;
  if (input.homepage_link !== undefined) fields.homepageLink = input.homepage_link;
  if (input.color !== undefined) fields.color = input.color;
  return fields;
}

async function written<T>(slug: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    throw duplicate(slug);
  }
}

function notFound(id: string): AppError {
  return new AppError('portal_not_found', `unknown portal ${id}`);
}

function duplicate(slug: string | undefined): AppError {
  return validationError([
    {
      loc: ['body', 'slug'],
      msg: `the slug ${slug} is used by another portal of this workspace`,
      type: 'value_error.duplicate',
    },
  ]);
}
