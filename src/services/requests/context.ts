import { readConfigVersion, type ChannelDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import type { ChannelContext } from './channel-context.js';
import { errorCode } from '../../errors.js';
import { firstSeenKind } from '../../requests/detection.js';
import type { Features } from '../../settings/features.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { slackErrorCode } from '../../slack/safe-call.js';

/** Everything the request rules need to know about a channel, loaded once per event. */
export type { ChannelContext };

type ContextDeps = Pick<BotDeps, 'models' | 'settings' | 'clock' | 'logger'>;

const MEMBERS_TTL_MS = 5 * 60_000;
/** Per running bot (tests run several), per channel: the members and when they were read. */
const memberCaches = new WeakMap<object, Map<string, { at: number; members: Set<string> }>>();

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
const configCaches = new WeakMap<object, Map<string, ConfigPart>>();

/** Per running bot: its models stand for it (tests run several bots in one process). */
function cacheOf<V>(caches: WeakMap<object, Map<string, V>>, deps: ContextDeps) {
  let cache = caches.get(deps.models);
  if (!cache) caches.set(deps.models, (cache = new Map()));
  return cache;
}

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
    for (const member of await membersOf(deps, slack, part.channel.triageChannelId))
      internal.add(member);
  }
  return { channel: part.channel, features: part.features, internalUserIds: internal };
}

async function configPart(
  deps: ContextDeps,
  slack: SlackGateway,
  teamId: string,
  channelId: string,
): Promise<ConfigPart | undefined> {
  const cache = cacheOf(configCaches, deps);
  const key = `${teamId}:${channelId}`;
  // Read before the configuration: a write that lands in between makes the entry stale at once.
  const version = await readConfigVersion(deps.models.configVersions);
  const cached = cache.get(key);
  if (cached?.version === version) return cached;
  const channel = await loadChannel(deps, slack, teamId, channelId);
  if (!channel) return undefined;
  const features = await deps.settings.effective(teamId, channelId);
  const workspaceInternal = await new WorkspaceStore(deps.models).internalUserIds(teamId);
  const part = { version, channel, features, workspaceInternal };
  cache.delete(key);
  cache.set(key, part);
  if (cache.size > MAX_CACHED_CHANNELS) cache.delete(cache.keys().next().value as string);
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

/**
 * Slack's answers that are real ones: the bot is not in the triage channel (yet), or the channel
 * is gone. Nobody is an agent by that channel's membership, and that is cached like a list.
 */
const NO_MEMBERS = ['not_in_channel', 'channel_not_found'];

/**
 * The triage channel's members, read at most every five minutes. A failure that says nothing
 * about the members (a rate limit, a 5xx, the network) is not an answer: it is logged and not
 * cached, and this call uses the last list read, or none (for this call only) when there is none.
 */
async function membersOf(
  deps: ContextDeps,
  slack: SlackGateway,
  channelId: string,
): Promise<Set<string>> {
  const now = deps.clock.now();
  const memberCache = cacheOf(memberCaches, deps);
  const cached = memberCache.get(channelId);
  if (cached && now.getTime() - cached.at < MEMBERS_TTL_MS) return cached.members;
  let members: Set<string>;
  try {
    members = new Set(await slack.members(channelId, { expect: NO_MEMBERS }));
  } catch (error) {
    deps.logger.warn(
      {
        err: error,
        channelId,
        code: errorCode(error),
        slackError: slackErrorCode(error),
        usingLastKnown: !!cached,
      },
      'could not read the triage channel members; not cached',
    );
    return cached?.members ?? new Set();
  }
  memberCache.set(channelId, { at: now.getTime(), members });
  return members;
}
