import { webhookSecretOf } from '../../connectors/connector.js';
import type { ConnectorDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { channelUses, connectorState, type HomeConnector } from '../../home/connectors.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { channelSettings } from '../channel-settings.js';
import { checkConnector, credentialsOf, deleteConnector, VENDOR_NAME } from './manage.js';

/**
 * App Home's Connectors section (issue 14): what workspace admins see and do there, through the
 * same service functions as `/api/v1/connectors`.
 */

type HomeDeps = Pick<BotDeps, 'models' | 'settings' | 'env' | 'logger'>;

/**
 * Whether the person manages connectors: a workspace admin, as Slack says now (asked each time,
 * as `/triage config` does); a failed look-up counts as no.
 */
export async function managesConnectors(
  deps: Pick<BotDeps, 'logger'>,
  slack: SlackGateway,
  userId: string,
): Promise<boolean> {
  try {
    return await slack.isWorkspaceAdmin(userId);
  } catch (error) {
    deps.logger.warn({ userId, err: error }, 'could not tell whether the user is an admin');
    return false;
  }
}

/** The section for `userId`'s App Home: the workspace's connectors for an admin, else undefined. */
export async function loadHomeConnectors(
  deps: HomeDeps,
  slack: SlackGateway,
  teamId: string,
  userId: string,
): Promise<HomeConnector[] | undefined> {
  if (!(await managesConnectors(deps, slack, userId))) return undefined;
  const docs = await new ConnectorStore(deps.models).list(teamId);
  const users = await connectorUsers(deps, teamId, docs);
  return docs.map((doc) => {
    const id = String(doc._id);
    return {
      id,
      type: doc.type,
      name: VENDOR_NAME[doc.type],
      baseUrl: doc.baseUrl,
      ...connectorState(doc),
      webhookSecretSet: webhookSecretSet(deps, doc),
      channels: users.get(id) ?? [],
    };
  });
}

/** The channels using each connector (by its id), by their effective settings. */
async function connectorUsers(
  deps: HomeDeps,
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

function webhookSecretSet(deps: HomeDeps, doc: ConnectorDoc): boolean {
  try {
    return Boolean(webhookSecretOf(credentialsOf(deps, doc)));
  } catch {
    return false; // sealed with another key: not readable, so no webhook is verified either
  }
}

/**
 * Check: logs in to the vendor again with the stored credentials and records the outcome, a
 * refusal in the vendor's words ("Zendesk answered 401: …").
 */
export async function checkFromHome(
  deps: Pick<BotDeps, 'models' | 'env' | 'clock'>,
  teamId: string,
  id: string,
): Promise<void> {
  let error: string | null = null;
  try {
    await checkConnector(deps, teamId, id);
  } catch (thrown) {
    if (!(thrown instanceof AppError) || thrown.code !== 'invalid_input') throw thrown;
    error = thrown.detail[0]?.msg ?? thrown.message;
  }
  await new ConnectorStore(deps.models).recordCheck(teamId, id, error, deps.clock.now());
}

/**
 * Remove: refused while channels use the connector (their tickets or Cases would have nowhere
 * to go), with those channels; else deleted as the API deletes it.
 */
export async function removeFromHome(
  deps: HomeDeps,
  teamId: string,
  id: string,
): Promise<{ ok: true } | { ok: false; name: string; channels: string[] }> {
  const docs = await new ConnectorStore(deps.models).list(teamId);
  const doc = docs.find((d) => String(d._id) === id);
  if (!doc) return { ok: true }; // already gone (a second click)
  const channels = (await connectorUsers(deps, teamId, docs)).get(id) ?? [];
  if (channels.length > 0) return { ok: false, name: VENDOR_NAME[doc.type], channels };
  await deleteConnector(deps, teamId, id);
  return { ok: true };
}
