import type { Types } from 'mongoose';
import { AppError } from '../../errors.js';
import type { Level, LevelSettings } from '../../settings/index.js';
import { isDocumentId } from './parse.js';
import {
  parseAccount,
  parseChannel,
  type AccountDoc,
  type ChannelDoc,
  type Models,
  type StoredSettings,
} from '../models/index.js';

/** Where a settings write lands. */
export type SettingsTarget =
  | { level: 'workspace'; teamId: string }
  | { level: 'account'; teamId: string; accountId: string }
  | { level: 'channel'; teamId: string; channelId: string };

/**
 * The stored settings of the three levels (workspace, account and channel documents), read as
 * `Level`s for the rules in `src/settings` and written back with a revision check.
 */
export class SettingsLevels {
  constructor(private readonly models: Models) {}

  /** The workspace's channel; `forbidden_workspace` for another's, else `channel_not_found`. */
  async channel(teamId: string, channelId: string): Promise<ChannelDoc> {
    const channel = await this.models.channels.findOne({ teamId, channelId }).lean();
    if (channel) return parseChannel(channel);
    if (await this.models.channels.exists({ channelId })) {
      throw new AppError(
        'forbidden_workspace',
        `channel ${channelId} belongs to another workspace`,
      );
    }
    throw new AppError('channel_not_found', `unknown channel ${channelId}`);
  }

  /** The workspace's account; `forbidden_workspace` for another's, else `account_not_found`. */
  async accountDoc(teamId: string, accountId: string): Promise<AccountDoc> {
    const stored = isDocumentId(accountId)
      ? await this.models.accounts.findById(accountId).lean()
      : null;
    const account = stored && parseAccount(stored);
    if (!account) throw new AppError('account_not_found', `unknown account ${accountId}`);
    if (account.teamId !== teamId) {
      throw new AppError(
        'forbidden_workspace',
        `account ${accountId} belongs to another workspace`,
      );
    }
    return account;
  }

  /** An account's channels, by channel id. */
  async accountChannels(account: AccountDoc): Promise<ChannelDoc[]> {
    const channels = await this.models.channels
      .find({ teamId: account.teamId, accountId: account._id })
      .sort({ channelId: 1 })
      .lean();
    return channels.map(parseChannel);
  }

  /** The levels a channel's settings resolve through: workspace, its account (if any), itself. */
  async levelsFor(channel: ChannelDoc): Promise<Level[]> {
    const [levels] = await this.levelsForAll(channel.teamId, [channel]);
    return levels as Level[];
  }

  /** `levelsFor` of each of a workspace's channels, the workspace and each account read once. */
  async levelsForAll(teamId: string, channels: readonly ChannelDoc[]): Promise<Level[][]> {
    const workspace = await this.workspaceLevel(teamId);
    const accountIds = [...new Set(channels.flatMap((c) => (c.accountId ? [c.accountId] : [])))];
    const accounts = new Map<string, Level>();
    if (accountIds.length > 0) {
      const found = await this.models.accounts.find({ _id: { $in: accountIds } }).lean();
      for (const doc of found) {
        const account = parseAccount(doc);
        accounts.set(String(account._id), accountLevel(account));
      }
    }
    return channels.map((channel) => {
      const account = channel.accountId ? accounts.get(String(channel.accountId)) : undefined;
      return [workspace, ...(account ? [account] : []), channelLevel(channel)];
    });
  }

  /** The levels an account's own settings resolve through: the workspace, then the account. */
  async levelsForAccount(account: AccountDoc): Promise<Level[]> {
    return [await this.workspaceLevel(account.teamId), accountLevel(account)];
  }

  async workspaceLevel(teamId: string): Promise<Level> {
    const workspace = await this.models.workspaces.findById(teamId).lean();
    return {
      level: 'workspace',
      id: teamId,
      name: workspace?.name,
      settings: toLevel(workspace?.settings),
    };
  }

  /**
   * What a write at `target` plans against: the level's stored settings and revision, the levels
   * above it, and `save`, one update conditional on that revision.
   */
  async writeContext(target: SettingsTarget) {
    if (target.level === 'workspace') {
      await this.models.workspaces.updateOne(
        { _id: target.teamId },
        { $setOnInsert: { internalUserIds: [] } },
        { upsert: true, timestamps: false },
      );
      const doc = await this.models.workspaces.findById(target.teamId).lean();
      return this.context(this.models.workspaces, target.teamId, doc?.settings, []);
    }
    const workspace = await this.workspaceLevel(target.teamId);
    if (target.level === 'account') {
      const account = await this.accountDoc(target.teamId, target.accountId);
      return this.context(this.models.accounts, account._id, account.settings, [workspace]);
    }
    const channel = await this.channel(target.teamId, target.channelId);
    const levels = await this.levelsFor(channel);
    return this.context(this.models.channels, channel._id, channel.settings, levels.slice(0, -1));
  }

  private context(
    model: Models['workspaces'] | Models['accounts'] | Models['channels'],
    id: string | Types.ObjectId,
    stored: StoredSettings | undefined,
    above: Level[],
  ) {
    const revision = stored?.revision ?? 0;
    const save = async (
      next: LevelSettings,
      expected: number,
      alsoSet: Record<string, unknown>,
    ) => {
      const result = await (model as Models['channels']).updateOne(
        { _id: id, 'settings.revision': expected === 0 ? { $in: [0, null] } : expected } as never,
        { $set: { ...alsoSet, settings: fromLevel(next, expected + 1) } },
      );
      return result.modifiedCount === 1;
    };
    return { current: toLevel(stored), revision, above, save };
  }
}

function accountLevel(account: AccountDoc): Level {
  return {
    level: 'account',
    id: String(account._id),
    name: account.name,
    settings: toLevel(account.settings),
  };
}

function channelLevel(channel: ChannelDoc): Level {
  return {
    level: 'channel',
    id: channel.channelId,
    name: channel.name,
    settings: toLevel(channel.settings),
  };
}

function toLevel(stored: StoredSettings | undefined): LevelSettings {
  return {
    overrides: Object.fromEntries((stored?.overrides ?? []).map(({ key, value }) => [key, value])),
    locks: stored?.locks ?? [],
  };
}

function fromLevel(settings: LevelSettings, revision: number): StoredSettings {
  return {
    overrides: Object.entries(settings.overrides).map(([key, value]) => ({ key, value })),
    locks: settings.locks,
    revision,
  };
}
