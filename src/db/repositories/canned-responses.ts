import { containing, isDocumentId } from './parse.js';
import {
  MAX_CANNED_RESPONSES,
  type CannedResponseCreate,
  type CannedResponseUpdate,
} from '../../desk/canned.js';
import { AppError, validationError } from '../../errors.js';
import {
  isDuplicateKey,
  parseCannedResponse,
  type CannedResponseDoc,
  type Models,
} from '../models/index.js';

/**
 * A workspace's canned responses: one single-document call per operation. An id that is not
 * the workspace's (unknown, malformed or another workspace's) answers `canned_response_not_found`,
 * so a workspace cannot learn which ids exist elsewhere.
 */
export class CannedResponseStore {
  constructor(private readonly models: Models) {}

  /** The workspace's responses by short code; with `search`, those whose code or content has it. */
  async list(teamId: string, search?: string): Promise<CannedResponseDoc[]> {
    const filter = search
      ? { teamId, $or: [{ shortCode: containing(search) }, { content: containing(search) }] }
      : { teamId };
    const docs = await this.models.cannedResponses.find(filter).sort({ shortCode: 1 }).lean();
    return docs.map(parseCannedResponse);
  }

  /** The workspace's response with this short code, if any. */
  async byShortCode(teamId: string, shortCode: string): Promise<CannedResponseDoc | undefined> {
    const doc = await this.models.cannedResponses.findOne({ teamId, shortCode }).lean();
    return doc ? parseCannedResponse(doc) : undefined;
  }

  async get(teamId: string, id: string): Promise<CannedResponseDoc> {
    const doc = isDocumentId(id)
      ? await this.models.cannedResponses.findOne({ _id: id, teamId }).lean()
      : null;
    if (!doc) throw notFound(id);
    return parseCannedResponse(doc);
  }

  /** Creates a response; a short code the workspace already uses is refused (422 naming it). */
  async create(
    teamId: string,
    createdBy: string,
    input: CannedResponseCreate,
  ): Promise<CannedResponseDoc> {
    if ((await this.models.cannedResponses.countDocuments({ teamId })) >= MAX_CANNED_RESPONSES) {
      throw validationError([
        {
          loc: ['body'],
          msg: `a workspace has at most ${MAX_CANNED_RESPONSES} canned responses; delete one first`,
          type: 'value_error.limit',
        },
      ]);
    }
    const { short_code: shortCode, content } = input;
    const created = await this.written(shortCode, () =>
      this.models.cannedResponses.create({ teamId, shortCode, content, createdBy }),
    );
    return parseCannedResponse(created.toObject());
  }

  /** Changes the short code, the content or both in one conditional write. */
  async update(
    teamId: string,
    id: string,
    update: CannedResponseUpdate,
  ): Promise<CannedResponseDoc> {
    if (!isDocumentId(id)) throw notFound(id);
    // FerretDB reports a unique-index refusal of an update without MongoDB's code: look first.
    const code = update.short_code;
    if (
      code &&
      (await this.models.cannedResponses.exists({ teamId, shortCode: code, _id: { $ne: id } }))
    ) {
      throw duplicate(code);
    }
    const $set = {
      ...(update.short_code !== undefined ? { shortCode: update.short_code } : {}),
      ...(update.content !== undefined ? { content: update.content } : {}),
    };
    const updated = await this.written(update.short_code, () =>
      this.models.cannedResponses
        .findOneAndUpdate({ _id: id, teamId }, { $set }, { returnDocument: 'after' })
        .lean(),
    );
    if (!updated) throw notFound(id);
    return parseCannedResponse(updated);
  }

  async remove(teamId: string, id: string): Promise<void> {
    const removed = isDocumentId(id)
      ? await this.models.cannedResponses.deleteOne({ _id: id, teamId })
      : undefined;
    if (!removed?.deletedCount) throw notFound(id);
  }

  /** Runs a write; the unique index's refusal becomes a 422 naming the short code. */
  private async written<T>(shortCode: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      throw duplicate(shortCode);
    }
  }
}

function notFound(id: string): AppError {
  return new AppError('canned_response_not_found', `unknown canned response ${id}`);
}

function duplicate(shortCode: string | undefined): AppError {
  return validationError([
    {
      loc: ['body', 'short_code'],
      msg: `the short code ${shortCode} is used by another canned response of this workspace`,
      type: 'value_error.duplicate',
    },
  ]);
}
