import { unknownCaseFields } from '../connectors/crm.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, validationError } from '../errors.js';
import { ConnectorStore } from '../db/repositories/connectors.js';
import type { AccountDoc, ChannelDoc, Models } from '../db/models/index.js';
import { SettingsLevels, type SettingsTarget } from '../db/repositories/settings-levels.js';
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
  type Provenance,
} from '../settings/index.js';

export type { RelationshipSettings };

export type { SettingsTarget };

/** Told of each saved settings write: where it landed and the keys it touched. */
export type WriteListener = (target: SettingsTarget, changed: readonly string[]) => Promise<void>;

/** Optimistic attempts of one settings write under a stream of concurrent writers. */
const MAX_WRITE_ATTEMPTS = 20;

/** Reads and writes settings at the three levels; the merge rules live in `src/settings`. */
export class SettingsService {
  private readonly catalog = settingsCatalog();

  private readonly levels: SettingsLevels;

  private readonly connectors: ConnectorStore;

  private readonly listeners: WriteListener[] = [];

  /** `secretKey` is `SETTINGS_ENCRYPTION_KEY`: it seals secrets as they are written. */
  constructor(
    models: Models,
    private readonly secretKey?: Uint8Array,
  ) {
    this.levels = new SettingsLevels(models);
    this.connectors = new ConnectorStore(models);
  }

  /**
   * Runs `listener` after every saved write, with the keys it touched, whichever way it came (the
   * API, the dashboard, `/triage config`): how settings that act outside a request's path (a
   * sweep, a schedule) learn that they changed.
   */
  onWrite(listener: WriteListener): void {
    this.listeners.push(listener);
  }

  /** The workspace's channel (`forbidden_workspace` for another's, else `channel_not_found`). */
  channel(teamId: string, channelId: string): Promise<ChannelDoc> {
    return this.levels.channel(teamId, channelId);
  }

  /** The workspace's account (`forbidden_workspace` for another's, else `account_not_found`). */
  accountDoc(teamId: string, accountId: string): Promise<AccountDoc> {
    return this.levels.accountDoc(teamId, accountId);
  }

  /** The effective, fully typed features of one channel (what the bot acts on). */
  async effective(teamId: string, channelId: string): Promise<Features> {
    const channel = await this.channel(teamId, channelId);
    return Features.parse(effectiveFeatures(this.resolve(await this.levels.levelsFor(channel))));
  }

  /** The effective features of each of a workspace's channels (read together). */
  async effectiveAll(teamId: string, channels: readonly ChannelDoc[]): Promise<Features[]> {
    const all = await this.levels.levelsForAll(teamId, channels);
    return all.map((levels) => Features.parse(effectiveFeatures(this.resolve(levels))));
  }

  /**
   * The features an account's own settings give (workspace and account levels, no channel): what
   * acts per account rather than per channel (`crm.internal_channels`, `crm.summariser`).
   */
  async forAccount(account: AccountDoc): Promise<Features> {
    return featuresOf(this.resolve(await this.levels.levelsForAccount(account)));
  }

  /** Effective features for a known channel document, with provenance when `explain`. */
  async forChannel(channel: ChannelDoc, explain: boolean): Promise<RelationshipSettings> {
    const resolved = this.resolve(await this.levels.levelsFor(channel));
    return {
      relationship_id: channel.channelId,
      features: featuresOf(resolved),
      ...(explain ? { provenance: resolved } : {}),
    };
  }

  async workspace(teamId: string, explain: boolean): Promise<WorkspaceSettings> {
    const levels = [await this.levels.workspaceLevel(teamId)];
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
    const channels = await this.levels.accountChannels(account);
    return Promise.all(channels.map((channel) => this.forChannel(channel, explain)));
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
    return this.writeFrom(target, () => Promise.resolve(body), alsoSet);
  }

  /**
   * `write` of a body made from what is stored (a read–change–write such as adding to a list):
   * `bodyOf` reads and decides after the level's revision is taken, on every attempt, so a
   * change another writer saved meanwhile is read again and kept, never overwritten. Undefined
   * from `bodyOf`: nothing to write.
   */
  async writeFrom(
    target: SettingsTarget,
    bodyOf: () => Promise<unknown>,
    alsoSet: Record<string, unknown> = {},
  ): Promise<string[]> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const { current, revision, above, save } = await this.levels.writeContext(target);
      const body = await bodyOf();
      if (body === undefined) return [];
      const plan = planWrite(
        this.catalog,
        { level: target.level, current, above, secretKey: this.secretKey },
        body,
      );
      await this.checkHelpdesks(target.teamId, plan.changed, plan.next.overrides);
      await this.checkCaseFields(target.teamId, plan.changed, plan.next.overrides);
      if (await save(plan.next, revision, alsoSet)) {
        for (const listener of this.listeners) await listener(target, plan.changed);
        return plan.changed;
      }
      // Lost the race to another writer: back off a little, with jitter, and plan again.
      await sleep(Math.random() * 5 * (attempt + 1));
    }
    throw new AppError('conflict', 'settings changed concurrently; try again');
  }

  /** `tickets.config.helpdeskIds` as written must name connectors of the workspace (else a 422). */
  private async checkHelpdesks(
    teamId: string,
    changed: readonly string[],
    overrides: Record<string, unknown>,
  ): Promise<void> {
    const key = 'tickets.config.helpdeskIds';
    const ids = overrides[key];
    if (!changed.includes(key) || !Array.isArray(ids)) return;
    const known = new Set((await this.connectors.list(teamId)).map((c) => String(c._id)));
    const unknown = ids.filter((id) => !known.has(String(id)));
    if (unknown.length === 0) return;
    throw validationError([
      {
        loc: ['body', 'update', key],
        msg: `no connector of this workspace has the id ${unknown.join(', ')} (see /api/v1/connectors)`,
        type: 'value_error.unknown_connector',
      },
    ]);
  }

  /**
   * `crm.field_mappings` as written must name Case fields the workspace's Salesforce has and
   * lets the connector write, `crm.additional_fields` ones it lets it read (as read at the
   * connector's last check), else a 422; without a connector it is not checked.
   */
  private async checkCaseFields(
    teamId: string,
    changed: readonly string[],
    overrides: Record<string, unknown>,
  ): Promise<void> {
    const asked = [
      ['crm.field_mappings', 'fields', 'write'],
      ['crm.additional_fields', 'readableFields', 'read'],
    ] as const;
    const named = asked.filter(([key]) => changed.includes(key) && overrides[key]);
    if (named.length === 0) return;
    // The CRM `crm.type` names when written with them, else the workspace's (Salesforce first).
    const type = overrides['crm.type'] === 'HUBSPOT' ? ['hubspot'] : ['salesforce', 'hubspot'];
    const connectors = await this.connectors.list(teamId);
    const crm = type.map((t) => connectors.find((c) => c.type === t)).find(Boolean);
    if (!crm) return;
    const what =
      crm.type === 'hubspot'
        ? "HubSpot's ticket has no property"
        : "Salesforce's Case has no field";
    for (const [key, known, may] of named) {
      if (crm[known].length === 0) continue;
      const names = overrides[key] as Record<string, string> | string[];
      const unknown = unknownCaseFields(names, crm[known]);
      if (unknown.length === 0) continue;
      throw validationError([
        {
          loc: ['body', 'update', key],
          msg: `${what} ${unknown.join(', ')} these credentials may ${may}`,
          type: 'value_error.unknown_crm_field',
        },
      ]);
    }
  }

  /** Every key resolved through the levels, secrets shown only as `{"set": true}`. */
  private resolve(levels: readonly Level[]): Record<string, Provenance> {
    return redactResolved(this.catalog, resolve(this.catalog, levels));
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

export type { LevelKind };
