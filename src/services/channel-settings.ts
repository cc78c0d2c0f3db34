import type { ChannelDoc } from '../db/models/index.js';
import { ChannelStore } from '../db/repositories/channels.js';
import type { BotDeps } from '../deps.js';
import { Features } from '../settings/features.js';

/**
 * The workspace's stored channels among `channelIds`, each with its effective features (the
 * workspace and accounts read once for all), by channel id; channels the bot has no record of
 * are left out.
 */
export async function channelSettings(
  deps: Pick<BotDeps, 'models' | 'settings'>,
  teamId: string,
  channelIds: readonly string[],
): Promise<Map<string, { channel: ChannelDoc; features: Features }>> {
  const ids = [...new Set(channelIds)];
  const found = new Map<string, { channel: ChannelDoc; features: Features }>();
  if (ids.length === 0) return found;
  const channels = await new ChannelStore(deps.models).inTeam(teamId, ids);
  const features = await deps.settings.effectiveAll(teamId, channels);
  channels.forEach((channel, i) =>
    found.set(channel.channelId, { channel, features: features[i] as Features }),
  );
  return found;
}
