import type { ChannelDoc } from '../db/models/index.js';
import { ChannelStore } from '../db/repositories/channels.js';
import type { BotDeps } from '../deps.js';
import { Features } from '../settings/features.js';
import { ConfigCache } from './config-cache.js';

type Settled = { channel: ChannelDoc; features: Features };

const cache = new ConfigCache<Settled>();

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
  const entries = await cache.current(deps.models);
  const key = (channelId: string) => `${teamId}:${channelId}`;
  const missing = ids.filter((id) => entries.get(key(id)) === undefined);
  if (missing.length > 0) {
    const channels = await new ChannelStore(deps.models).inTeam(teamId, missing);
    const features = await deps.settings.effectiveAll(teamId, channels);
    channels.forEach((channel, i) =>
      entries.set(key(channel.channelId), { channel, features: features[i] as Features }),
    );
  }
  for (const id of ids) {
    const settled = entries.get(key(id));
    if (settled) found.set(id, settled);
  }
  return found;
}
