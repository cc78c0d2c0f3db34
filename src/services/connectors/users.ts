import type { ConnectorDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import type { BotDeps } from '../../deps.js';
import { channelUses } from '../../home/connectors.js';
import { channelSettings } from '../channel-settings.js';

/** The channels using each connector (by its id), by their effective settings. */
export async function connectorUsers(
  deps: Pick<BotDeps, 'models' | 'settings'>,
  teamId: string,
  docs: ConnectorDoc[],
): Promise<Map<string, string[]>> {
  const users = new Map<string, string[]>();
  if (docs.length === 0) return users;
  const channels = await new ChannelStore(deps.models).names(teamId);
  const settled = await channelSettings(
    deps,
    teamId,
    channels.map((c) => c.channelId),
  );
  for (const doc of docs) {
    const connector = { id: String(doc._id), type: doc.type };
    // The CRM a channel writes to is the workspace's first connector of that type.
    const first = docs.find((d) => d.type === doc.type);
    const crmId = first ? String(first._id) : undefined;
    const using = [...settled.values()]
      .filter(({ features }) => channelUses(features, connector, crmId))
      .map(({ channel }) => channel.channelId);
    users.set(connector.id, using);
  }
  return users;
}
