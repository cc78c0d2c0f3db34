import {
  parseAccount,
  WorkspaceDocument,
  type AccountCrm,
  type AccountDoc,
  type Models,
} from '../models/index.js';
import { orNull } from './parse.js';

const accountOrNull = orNull(parseAccount);
const InternalUsers = WorkspaceDocument.pick({ internalUserIds: true });

/** Workspace and account reads of the request path, parsed. */
export class WorkspaceStore {
  constructor(private readonly models: Models) {}

  /** The people the workspace lists as its support team (none for an unknown workspace). */
  async internalUserIds(teamId: string): Promise<string[]> {
    const found = await this.models.workspaces.findById(teamId, { internalUserIds: 1 }).lean();
    return found ? InternalUsers.parse(found).internalUserIds : [];
  }

  /** A customer account, or null when there is none (or no id). */
  account(id: AccountDoc['_id'] | null): Promise<AccountDoc | null> {
    if (!id) return Promise.resolve(null);
    return this.models.accounts.findById(id).lean().then(accountOrNull);
  }

  /** The names of the workspace's accounts among `ids`, by id (one read; none without ids). */
  async accountNames(
    teamId: string,
    ids: readonly AccountDoc['_id'][],
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const found = await this.models.accounts.find({ teamId, _id: { $in: [...ids] } }).lean();
    return new Map(found.map(parseAccount).map((account) => [String(account._id), account.name]));
  }

  /** Whether the workspace has an account of that name already. */
  async accountNameTaken(teamId: string, name: string): Promise<boolean> {
    return (await this.models.accounts.exists({ teamId, name })) !== null;
  }

  async createAccount(teamId: string, name: string): Promise<AccountDoc> {
    return parseAccount((await this.models.accounts.create({ teamId, name })).toObject());
  }

  /** Links the workspace's account to its CRM record (null unlinks); null when it has no such account. */
  async linkCrm(
    teamId: string,
    id: AccountDoc['_id'],
    crm: AccountCrm | null,
  ): Promise<AccountDoc | null> {
    const updated = await this.models.accounts
      .findOneAndUpdate({ _id: id, teamId }, { $set: { crm } }, { new: true })
      .lean();
    return accountOrNull(updated);
  }
}
