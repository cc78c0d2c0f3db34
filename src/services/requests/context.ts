import type { AutomationRuleDoc, ChannelDoc } from '../../db/models/index.js';
import { AutomationRuleStore } from '../../db/repositories/automation-rules.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import type { ChannelContext } from './channel-context.js';
import { ConfigCache } from '../config-cache.js';
import { firstSeenKind } from '../../requests/detection.js';
import type { Features } from '../../settings/features.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { triageMembers } from '../../slack/triage-members.js';

/** Everything the request rules need to know about a channel, loaded once per event. */
export type { ChannelContext };

type ContextDeps = Pick<BotDeps, 'models' | 'settings' | 'clock'>;

/** What a channel's context derives from the configuration, cached per configuration version. */
interface ConfigPart {
  channel: ChannelDoc;
  features: Features;
  workspaceInternal: readonly string[];
  rules: readonly AutomationRuleDoc[];
}

/** Per channel; 5,000 entries are enough for every channel of a large workspace. */
const configCache = new ConfigCache<ConfigPart>();

/**
 * Loads (or, for a channel the bot has never seen, registers as `firstSeenKind` says) the
 * channel and its effective settings.
 * What comes from the configuration is reused while the configuration version is unchanged
 * (`db/models/config-version.ts`): one read per message instead of five.
 */
export async function channelContext(
  deps: ContextDeps,
  slack: SlackGateway,
  teamId: string,
  channelId: string,
): Promise<ChannelContext | undefined> {
  const part = await configPart(deps, slack, teamId, channelId);
  if (!part) return undefined;
  const internal = new Set(part.workspaceInternal);
  if (part.channel.triageChannelId) {
    const triage = part.channel.triageChannelId;
    const members = await triageMembers(deps.models, slack, triage, deps.clock.now());
    for (const member of members) internal.add(member);
  }
  return {
    channel: part.channel,
    features: part.features,
    internalUserIds: internal,
    rules: part.rules,
  };
}

async function configPart(
  deps: ContextDeps,
  slack: SlackGateway,
  teamId: string,
  channelId: string,
): Promise<ConfigPart | undefined> {
  const entries = await configCache.current(deps.models);
  const key = `${teamId}:${channelId}`;
  const cached = entries.get(key);
  if (cached) return cached;
  const channel = await loadChannel(deps, slack, teamId, channelId);
  if (!channel) return undefined;
  const features = await deps.settings.effective(teamId, channelId);
  const workspaceInternal = await new WorkspaceStore(deps.models).internalUserIds(teamId);
  const rules = await new AutomationRuleStore(deps.models).active(teamId);
  const part = { channel, features, workspaceInternal, rules };
  entries.set(key, part);
  return part;
}

async function loadChannel(
  deps: ContextDeps,
  slack: SlackGateway,
  teamId: string,
  channelId: string,
): Promise<ChannelDoc | null> {
  const channels = new ChannelStore(deps.models);
  const channel = await channels.find(teamId, channelId);
  if (channel) return channel;
  const info = await slack.channelInfo(channelId);
  if (!info) return null;
  const kind = firstSeenKind({ name: info.name, isExtShared: info.is_ext_shared });
  return channels.register(teamId, channelId, info, kind);
}
