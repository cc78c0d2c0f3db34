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
  const crm = docs.find((doc) => doc.type === 'salesforce');
  const crmId = crm ? String(crm._id) : undefined;
  for (const doc of docs) {
    const connector = { id: String(doc._id), type: doc.type };
    const using = [...settled.values()]
      .filter(({ features }) => channelUses(features, connector, crmId))
      .map(({ channel }) => channel.channelId);
    users.set(connector.id, using);
  }
  return users;
}
