import { isDocumentId } from './parse.js';
import type { TeamCreate, TeamUpdate } from '../../desk/teams.js';
import { AppError, validationError } from '../../errors.js';
import { isDuplicateKey, parseDeskTeam, type DeskTeamDoc, type Models } from '../models/index.js';

/**
 * A workspace's teams: one single-document call per operation. An id that is not the
 * workspace's (unknown, malformed or another workspace's) answers `team_not_found`.
 */
export class DeskTeamStore {
  constructor(private readonly models: Models) {}

  async list(teamId: string): Promise<DeskTeamDoc[]> {
    const docs = await this.models.deskTeams.find({ teamId }).sort({ name: 1 }).lean();
    return docs.map(parseDeskTeam);
  }

  async get(teamId: string, id: string): Promise<DeskTeamDoc> {
    const doc = isDocumentId(id)
      ? await this.models.deskTeams.findOne({ _id: id, teamId }).lean()
      : null;
    if (!doc) throw teamNotFound(id);
    return parseDeskTeam(doc);
  }

  async exists(teamId: string, id: string): Promise<boolean> {
    return isDocumentId(id) && !!(await this.models.deskTeams.exists({ _id: id, teamId }));
  }

  /** The workspace's team with this name (any case), if any: how `/triage team` names one. */
  async byName(teamId: string, name: string): Promise<DeskTeamDoc | undefined> {
    const all = await this.list(teamId);
    return all.find((team) => team.name.toLowerCase() === name.toLowerCase());
  }

  async create(teamId: string, input: TeamCreate): Promise<DeskTeamDoc> {
    await this.nameFree(teamId, input.name);
    const created = await this.written(input.name, () =>
      this.models.deskTeams.create({
        teamId,
        name: input.name,
        description: input.description ?? '',
        allowAutoAssign: input.allow_auto_assign ?? true,
      }),
    );
    return parseDeskTeam(created.toObject());
  }

  async update(teamId: string, id: string, update: TeamUpdate): Promise<DeskTeamDoc> {
    if (!isDocumentId(id)) throw teamNotFound(id);
    if (update.name !== undefined) await this.nameFree(teamId, update.name, id);
    const $set = {
      ...(update.name !== undefined ? { name: update.name } : {}),
      ...(update.description !== undefined ? { description: update.description } : {}),
      ...(update.allow_auto_assign !== undefined
        ? { allowAutoAssign: update.allow_auto_assign }
        : {}),
    };
    const updated = await this.written(update.name, () =>
      this.models.deskTeams
        .findOneAndUpdate({ _id: id, teamId }, { $set }, { returnDocument: 'after' })
        .lean(),
    );
    if (!updated) throw teamNotFound(id);
    return parseDeskTeam(updated);
  }

  async remove(teamId: string, id: string): Promise<void> {
    const removed = isDocumentId(id)
      ? await this.models.deskTeams.deleteOne({ _id: id, teamId })
      : undefined;
    if (!removed?.deletedCount) throw teamNotFound(id);
  }

  /** Adds (`$addToSet`), replaces or removes (`$pullAll`) members in one write; answers the team. */
  async members(
    teamId: string,
    id: string,
    how: 'add' | 'set' | 'remove',
    userIds: string[],
  ): Promise<DeskTeamDoc> {
    if (!isDocumentId(id)) throw teamNotFound(id);
    const update =
      how === 'add'
        ? { $addToSet: { memberIds: { $each: userIds } } }
        : how === 'set'
          ? { $set: { memberIds: [...new Set(userIds)] } }
          : { $pullAll: { memberIds: userIds } };
    const updated = await this.models.deskTeams
      .findOneAndUpdate({ _id: id, teamId }, update, { returnDocument: 'after' })
      .lean();
    if (!updated) throw teamNotFound(id);
    return parseDeskTeam(updated);
  }

  /**
   * The next round-robin ticket of a team and its members, in one atomic `$inc`: concurrent
   * callers, on any instance, each get a different ticket. Undefined for an unknown team.
   */
  async nextTicket(teamId: string, id: string): Promise<DeskTeamDoc | undefined> {
    if (!isDocumentId(id)) return undefined;
    const updated = await this.models.deskTeams
      .findOneAndUpdate({ _id: id, teamId }, { $inc: { rotation: 1 } }, { returnDocument: 'after' })
      .lean();
    return updated ? parseDeskTeam(updated) : undefined;
  }

  private async nameFree(teamId: string, name: string, except?: string): Promise<void> {
    const taken = await this.byName(teamId, name);
    if (taken && String(taken._id) !== except) throw duplicate(name);
  }

  /** Runs a write; the unique index's refusal becomes a 422 naming the name. */
  private async written<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      throw duplicate(name);
    }
  }
}

export function teamNotFound(id: string): AppError {
  return new AppError('team_not_found', `unknown team ${id}`);
}

function duplicate(name: string | undefined): AppError {
  return validationError([
    {
      loc: ['body', 'name'],
      msg: `the name ${name} is used by another team of this workspace`,
      type: 'value_error.duplicate',
    },
  ]);
}
