import type { CustomFilterCreate, CustomFilterUpdate } from '../../desk/filters.js';
import { AppError } from '../../errors.js';
import { parseCustomFilter, type CustomFilterDoc, type Models } from '../models/index.js';
import { isDocumentId } from './parse.js';

/** Whose filters: the workspace and the agent (the Slack user whose token speaks). */
export interface FilterOwner {
  teamId: string;
  userId: string;
}

/** The query part that keeps a read to the owner's own filters. */
const own = (owner: FilterOwner) => ({ teamId: owner.teamId, userId: owner.userId });

/** The API's field names to the stored ones (`filter_type`, `query.payload`). */
function stored(input: CustomFilterUpdate): Partial<CustomFilterDoc> {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.filter_type !== undefined ? { filterType: input.filter_type } : {}),
    ...(input.query !== undefined ? { conditions: input.query.payload } : {}),
  };
}

/**
 * Agents' saved conversation filters, each agent's own: an id that is not the caller's (another
 * agent's, another workspace's) answers `custom_filter_not_found`, as an unknown one does.
 */
export class CustomFilterStore {
  constructor(private readonly models: Models) {}

  /** The agent's filters, oldest first. */
  async list(owner: FilterOwner): Promise<CustomFilterDoc[]> {
    const docs = await this.models.customFilters
      .find(own(owner))
      .sort({ createdAt: 1, _id: 1 })
      .lean();
    return docs.map(parseCustomFilter);
  }

  count(owner: FilterOwner): Promise<number> {
    return this.models.customFilters.countDocuments(own(owner));
  }

  async get(owner: FilterOwner, id: string): Promise<CustomFilterDoc> {
    const doc = isDocumentId(id)
      ? await this.models.customFilters.findOne({ _id: id, ...own(owner) }).lean()
      : null;
    if (!doc) throw filterNotFound(id);
    return parseCustomFilter(doc);
  }

  async create(owner: FilterOwner, input: CustomFilterCreate): Promise<CustomFilterDoc> {
    const created = await this.models.customFilters.create({ ...own(owner), ...stored(input) });
    return parseCustomFilter(created.toObject());
  }

  async update(owner: FilterOwner, id: string, update: CustomFilterUpdate) {
    const doc = isDocumentId(id)
      ? await this.models.customFilters
          .findOneAndUpdate(
            { _id: id, ...own(owner) },
            { $set: stored(update) },
            { returnDocument: 'after' },
          )
          .lean()
      : null;
    if (!doc) throw filterNotFound(id);
    return parseCustomFilter(doc);
  }

  async remove(owner: FilterOwner, id: string): Promise<void> {
    const removed = isDocumentId(id)
      ? await this.models.customFilters.deleteOne({ _id: id, ...own(owner) })
      : undefined;
    if (!removed?.deletedCount) throw filterNotFound(id);
  }
}

export const filterNotFound = (id: string): AppError =>
  new AppError('custom_filter_not_found', `unknown custom filter ${id}`);
