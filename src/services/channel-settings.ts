import { readConfigVersion, type ChannelDoc } from '../db/models/index.js';
import { ChannelStore } from '../db/repositories/channels.js';
import type { BotDeps } from '../deps.js';
import { Features } from '../settings/features.js';

type Settled = { channel: ChannelDoc; features: Features };

/** Channels whose settings are kept, per running bot (its models), oldest dropped first. */
const MAX_CACHED = 5_000;
const caches = new WeakMap<object, { version: number; byChannel: Map<string, Settled> }>();

/**
 * The workspace's stored channels among `channelIds`, each with its effective features (the
 * workspace and accounts read once for all), by channel id; channels the bot has no record of
 * are left out. What was worked out is reused while the configuration version is unchanged
 * (`db/models/config-version.ts`), as the request pipeline's channel context is: a webhook batch
 * or a conversation list of known channels costs one read.
 */
export async function channelSettings(
  deps: Pick<BotDeps, 'models' | 'settings'>,
  teamId: string,
  channelIds: readonly string[],
): Promise<Map<string, Settled>> {
  const ids = [...new Set(channelIds)];
  const found = new Map<string, Settled>();
  if (ids.length === 0) return found;
  // Read before the configuration: a write that lands in between makes the entries stale at once.
  const version = await readConfigVersion(deps.models.configVersions);
  let cache = caches.get(deps.models);
  if (cache?.version !== version)
    caches.set(deps.models, (cache = { version, byChannel: new Map() }));
  const key = (channelId: string) => `${teamId}:${channelId}`;
  const missing = ids.filter((id) => !cache.byChannel.has(key(id)));
  if (missing.length > 0) {
    const channels = await new ChannelStore(deps.models).inTeam(teamId, missing);
    const features = await deps.settings.effectiveAll(teamId, channels);
    channels.forEach((channel, i) =>
      cache.byChannel.set(key(channel.channelId), { channel, features: features[i] as Features }),
    );
    while (cache.byChannel.size > MAX_CACHED)
      cache.byChannel.delete(cache.byChannel.keys().next().value as string);
  }
  for (const id of ids) {
    const settled = cache.byChannel.get(key(id));
    if (settled) found.set(id, settled);
  }
  return found;
}
