import {
  parseAccount,
  WorkspaceDocument,
  type AccountCrm,
  type AccountDoc,
  type Models,
} from '../models/index.js';
import { isDocumentId, orNull } from './parse.js';

const accountOrNull = orNull(parseAccount);
const InternalUsers = WorkspaceDocument.pick({ internalUserIds: true });
const HostSettings = WorkspaceDocument.pick({ _id: true, settings: true });

const HOST_DOMAIN = 'requests.config.host_domain';

/** Workspace and account reads of the request path, parsed. */
export class WorkspaceStore {
  constructor(private readonly models: Models) {}

  /** The people the workspace lists as its support team (none for an unknown workspace). */
  async internalUserIds(teamId: string): Promise<string[]> {
    const found = await this.models.workspaces.findById(teamId, { internalUserIds: 1 }).lean();
    return found ? InternalUsers.parse(found).internalUserIds : [];
  }

  /**
   * The workspace whose own settings give `requests.config.host_domain` as `host` (without
   * case), or null when none does, or several do (then neither's form is served by host).
   */
  async byHostDomain(host: string): Promise<string | null> {
    const wanted = host.toLowerCase();
    const found = await this.models.workspaces
      .find({ 'settings.overrides.key': HOST_DOMAIN }, { _id: 1, settings: 1 })
      .lean();
    const matching = found
      .map((doc) => HostSettings.parse(doc))
      .filter(({ settings }) =>
        settings.overrides.some(
          ({ key, value }) =>
            key === HOST_DOMAIN && typeof value === 'string' && value.toLowerCase() === wanted,
        ),
      );
    return matching.length === 1 ? (matching[0] as { _id: string })._id : null;
  }

  /** A customer account, or null when there is none (or no id). */
  account(id: AccountDoc['_id'] | null): Promise<AccountDoc | null> {
    if (!id) return Promise.resolve(null);
    return this.models.accounts.findById(id).lean().then(accountOrNull);
  }

  /** A customer account by its id as text (a job's key), or null (none, or not an id). */
  accountById(id: string): Promise<AccountDoc | null> {
    if (!isDocumentId(id)) return Promise.resolve(null);
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

  /** Every account of every workspace (the hourly digest check). */
  async allAccounts(): Promise<AccountDoc[]> {
    return (await this.models.accounts.find().sort({ _id: 1 }).lean()).map(parseAccount);
  }

  /** The workspace's accounts, by name. */
  async accounts(teamId: string): Promise<AccountDoc[]> {
    const found = await this.models.accounts.find({ teamId }).sort({ name: 1 }).lean();
    return found.map(parseAccount);
  }

  /**
   * Links an account to its internal channel unless one is linked already (one conditional
   * update, so two instances or a retry link one channel); the channel linked after the call.
   */
  async linkInternalChannel(id: AccountDoc['_id'], channelId: string): Promise<string | null> {
    await this.models.accounts.updateOne(
      { _id: id, internalChannelId: null },
      { $set: { internalChannelId: channelId } },
    );
    return (await this.account(id))?.internalChannelId ?? null;
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
