import type { WebClient } from '@slack/web-api';
import { readConfigVersion, type ChannelDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import type { BotDeps } from '../../deps.js';
import type { ChannelContext } from './channel-context.js';
import { errorCode } from '../../errors.js';
import { firstSeenKind } from '../../requests/detection.js';
import type { Features } from '../../settings/features.js';
import { slackErrorCode } from '../../slack/safe-call.js';
import { lookUpChannel } from '../../slack/lookups.js';

/** Everything the request rules need to know about a channel, loaded once per event. */
export type { ChannelContext };

const MEMBERS_TTL_MS = 5 * 60_000;
/** Per running bot (tests run several), per channel: the members and when they were read. */
const memberCaches = new WeakMap<BotDeps, Map<string, { at: number; members: Set<string> }>>();

/** What a channel's context derives from the configuration, cached per configuration version. */
interface ConfigPart {
  version: number;
  channel: ChannelDoc;
  features: Features;
  workspaceInternal: readonly string[];
}

/** Enough for every channel of a large workspace; the oldest entry goes first. */
const MAX_CACHED_CHANNELS = 5_000;
/** Per running bot (tests run several), per channel. */
const configCaches = new WeakMap<BotDeps, Map<string, ConfigPart>>();

/**
 * Loads (or, for a channel the bot has never seen, registers as `firstSeenKind` says) the
 * channel and its effective settings.
 * What comes from the configuration is reused while the configuration version is unchanged
 * (`db/models/config-version.ts`): one read per message instead of five.
 */
export async function channelContext(
  deps: BotDeps,
  client: WebClient,
  teamId: string,
  channelId: string,
): Promise<ChannelContext | undefined> {
  const part = await configPart(deps, client, teamId, channelId);
  if (!part) return undefined;
  const internal = new Set(part.workspaceInternal);
  if (part.channel.triageChannelId) {
    for (const member of await membersOf(deps, client, part.channel.triageChannelId))
      internal.add(member);
  }
  return { channel: part.channel, features: part.features, internalUserIds: internal };
}

async function configPart(
  deps: BotDeps,
  client: WebClient,
  teamId: string,
  channelId: string,
): Promise<ConfigPart | undefined> {
  let cache = configCaches.get(deps);
  if (!cache) configCaches.set(deps, (cache = new Map()));
  const key = `${teamId}:${channelId}`;
  // Read before the configuration: a write that lands in between makes the entry stale at once.
  const version = await readConfigVersion(deps.models.configVersions);
  const cached = cache.get(key);
  if (cached?.version === version) return cached;
  const channel = await loadChannel(deps, client, teamId, channelId);
  if (!channel) return undefined;
  const features = await deps.settings.effective(teamId, channelId);
  const workspace = await deps.models.workspaces.findById(teamId, { internalUserIds: 1 }).lean();
  const part = { version, channel, features, workspaceInternal: workspace?.internalUserIds ?? [] };
  cache.delete(key);
  cache.set(key, part);
  if (cache.size > MAX_CACHED_CHANNELS) cache.delete(cache.keys().next().value as string);
  return part;
}

async function loadChannel(
  deps: BotDeps,
  client: WebClient,
  teamId: string,
  channelId: string,
): Promise<ChannelDoc | null> {
  const channels = new ChannelStore(deps.models);
  const channel = await channels.find(teamId, channelId);
  if (channel) return channel;
  const info = await lookUpChannel(client, channelId);
  if (!info) return null;
  const kind = firstSeenKind({ name: info.name, isExtShared: info.is_ext_shared });
  return channels.register(teamId, channelId, info, kind);
}

/**
 * Slack's answers that are real ones: the bot is not in the triage channel (yet), or the channel
 * is gone. Nobody is an agent by that channel's membership, and that is cached like a list.
 */
const NO_MEMBERS = new Set(['not_in_channel', 'channel_not_found']);

/**
 * The triage channel's members, read at most every five minutes. A failure that says nothing
 * about the members (a rate limit, a 5xx, the network) is not an answer: it is logged and not
 * cached, and this call uses the last list read, or none (for this call only) when there is none.
 */
async function membersOf(
  deps: BotDeps,
  client: WebClient,
  channelId: string,
): Promise<Set<string>> {
  const now = deps.clock.now();
  let memberCache = memberCaches.get(deps);
  if (!memberCache) memberCaches.set(deps, (memberCache = new Map()));
  const cached = memberCache.get(channelId);
  if (cached && now.getTime() - cached.at < MEMBERS_TTL_MS) return cached.members;
  const members = new Set<string>();
  try {
    for await (const page of client.paginate('conversations.members', {
      channel: channelId,
      limit: 200,
    })) {
      for (const member of (page as { members?: string[] }).members ?? []) members.add(member);
    }
  } catch (error) {
    const slackError = slackErrorCode(error);
    if (!NO_MEMBERS.has(slackError ?? '')) {
      deps.logger.warn(
        { err: error, channelId, code: errorCode(error), slackError, usingLastKnown: !!cached },
        'could not read the triage channel members; not cached',
      );
      return cached?.members ?? new Set();
    }
    members.clear();
  }
  memberCache.set(channelId, { at: now.getTime(), members });
  return members;
}
