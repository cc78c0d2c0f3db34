import { webhookSecretOf } from '../../connectors/connector.js';
import type { ConnectorDoc } from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { connectorState, type HomeConnector } from '../../home/connectors.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { checkConnector, credentialsOf, deleteUnused, VENDOR_NAME } from './manage.js';
import { connectorUsers } from './users.js';

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
 * Remove: refused while channels use the connector, with those channels; else deleted, by the
 * rule the API's delete keeps (`deleteUnused`). A connector already gone is removed (a second click).
 */
export async function removeFromHome(
  deps: HomeDeps,
  teamId: string,
  id: string,
): Promise<{ ok: true } | { ok: false; name: string; channels: string[] }> {
  const found = await deleteUnused(deps, teamId, id);
  if (!found || found.channels.length === 0) return { ok: true };
  return { ok: false, name: VENDOR_NAME[found.type], channels: found.channels };
}
