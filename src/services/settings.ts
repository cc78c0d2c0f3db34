import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import { AppError } from '../errors.js';
import {
  parseAccount,
  parseChannel,
  type AccountDoc,
  type ChannelDoc,
  type Models,
  type StoredSettings,
} from '../db/models/index.js';
import type { RelationshipSettings, WorkspaceSettings } from '../settings/effective.js';
import { Features } from '../settings/features.js';
import {
  effectiveFeatures,
  planWrite,
  redactResolved,
  resolve,
  settingsCatalog,
  type Level,
  type LevelKind,
  type LevelSettings,
  type Provenance,
} from '../settings/index.js';

export type { RelationshipSettings };

export type SettingsTarget =
  | { level: 'workspace'; teamId: string }
  | { level: 'account'; teamId: string; accountId: string }
  | { level: 'channel'; teamId: string; channelId: string };

/** Optimistic attempts of one settings write under a stream of concurrent writers. */
const MAX_WRITE_ATTEMPTS = 20;

/** Reads and writes settings at the three levels; the merge rules live in `src/settings`. */
export class SettingsService {
  private readonly catalog = settingsCatalog();

  /** `secretKey` is `SETTINGS_ENCRYPTION_KEY`: it seals secrets as they are written. */
  constructor(
    private readonly models: Models,
    private readonly secretKey?: Uint8Array,
  ) {}

  /** The effective, fully typed features of one channel (what the bot acts on). */
  async effective(teamId: string, channelId: string): Promise<Features> {
    const channel = await this.channel(teamId, channelId);
    return Features.parse(effectiveFeatures(this.resolve(await this.levelsFor(channel))));
  }

  /** Effective features for a known channel document, with provenance when `explain`. */
  async forChannel(channel: ChannelDoc, explain: boolean): Promise<RelationshipSettings> {
    const resolved = this.resolve(await this.levelsFor(channel));
    return {
      relationship_id: channel.channelId,
      features: featuresOf(resolved),
      ...(explain ? { provenance: resolved } : {}),
    };
  }

  async workspace(teamId: string, explain: boolean): Promise<WorkspaceSettings> {
    const levels = [await this.workspaceLevel(teamId)];
    const resolved = this.resolve(levels);
    return {
      team_id: teamId,
      features: featuresOf(resolved),
      locks: levels[0]?.settings.locks ?? [],
      ...(explain ? { provenance: resolved } : {}),
    };
  }

  async account(teamId: string, accountId: string, explain: boolean) {
    const account = await this.accountDoc(teamId, accountId);
    const channels = await this.models.channels
      .find({ teamId, accountId: account._id })
      .sort({ channelId: 1 })
      .lean();
    return Promise.all(channels.map((channel) => this.forChannel(parseChannel(channel), explain)));
  }

  /**
   * Validates and applies one `{update, reset, lock, unlock}` body at a level, all or nothing:
   * the new settings replace the old in a single conditional update on the owning document
   * (with `alsoSet`, other fields of that document change in the same update), retried when
   * another writer got there first.
   */
  async write(
    target: SettingsTarget,
    body: unknown,
    alsoSet: Record<string, unknown> = {},
  ): Promise<string[]> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const { current, revision, above, save } = await this.writeContext(target);
      const plan = planWrite(
        this.catalog,
        { level: target.level, current, above, secretKey: this.secretKey },
        body,
      );
      if (await save(plan.next, revision, alsoSet)) return plan.changed;
      // Lost the race to another writer: back off a little, with jitter, and plan again.
      await sleep(Math.random() * 5 * (attempt + 1));
    }
    throw new AppError('conflict', 'settings changed concurrently; try again');
  }

  /** Every key resolved through the levels, secrets shown only as `{"set": true}`. */
  private resolve(levels: readonly Level[]): Record<string, Provenance> {
    return redactResolved(this.catalog, resolve(this.catalog, levels));
  }

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

  async accountDoc(teamId: string, accountId: string): Promise<AccountDoc> {
    const stored = /^[0-9a-f]{24}$/.test(accountId)
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

  private async levelsFor(channel: ChannelDoc): Promise<Level[]> {
    const levels = [await this.workspaceLevel(channel.teamId)];
    if (channel.accountId) {
      const account = await this.models.accounts.findById(channel.accountId).lean();
      if (account) levels.push(accountLevel(parseAccount(account)));
    }
    levels.push(channelLevel(channel));
    return levels;
  }

  private async workspaceLevel(teamId: string): Promise<Level> {
    const workspace = await this.models.workspaces.findById(teamId).lean();
    return {
      level: 'workspace',
      id: teamId,
      name: workspace?.name,
      settings: toLevel(workspace?.settings),
    };
  }

  private async writeContext(target: SettingsTarget) {
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

/**
 * Effective features: every leaf is a catalog default or a value its leaf schema accepted when it
 * was written (`planWrite`), so the tree already is `Features`; parsing it again per answer would
 * only cost time.
 */
function featuresOf(resolved: Record<string, Provenance>): Features {
  return effectiveFeatures(resolved) as Features;
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

export type { LevelKind };
