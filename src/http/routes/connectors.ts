import { Router } from 'express';
import type { ConnectorDoc } from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import type { BotDeps } from '../../deps.js';
import { webhookSecretOf } from '../../connectors/connector.js';
import {
  createConnector,
  credentialsOf,
  deleteConnector,
  updateConnector,
} from '../../services/connectors/manage.js';
import { teamOf } from '../auth.js';
import {
  ConnectorCreate,
  ConnectorIdParams,
  ConnectorUpdate,
  type ConnectorResponse,
} from '../connector-schemas.js';
import { parseInput } from '../parse.js';

export const CONNECTORS_PATH = '/connectors';
const PATH = CONNECTORS_PATH;

/** A workspace's helpdesk connectors (an administrator's token). */
export function connectorRoutes(deps: BotDeps): Router {
  const router = Router();
  const store = new ConnectorStore(deps.models);
  const idOf = (params: unknown) => parseInput(ConnectorIdParams, params, 'path').id;
  const render = (doc: ConnectorDoc) => renderConnector(deps, doc);

  router.get(PATH, async (_req, res) => {
    res.json((await store.list(teamOf(res))).map(render));
  });
  router.post(PATH, async (req, res) => {
    const input = parseInput(ConnectorCreate, req.body, 'body');
    res.status(201).json(render(await createConnector(deps, teamOf(res), input)));
  });
  router.get(`${PATH}/:id`, async (req, res) => {
    res.json(render(await store.get(teamOf(res), idOf(req.params))));
  });
  for (const method of ['patch', 'put'] as const) {
    router[method](`${PATH}/:id`, async (req, res) => {
      const id = idOf(req.params);
      const update = parseInput(ConnectorUpdate, req.body, 'body');
      res.json(render(await updateConnector(deps, teamOf(res), id, update)));
    });
  }
  router.delete(`${PATH}/:id`, async (req, res) => {
    await deleteConnector(deps, teamOf(res), idOf(req.params));
    res.status(204).end();
  });
  return router;
}

function renderConnector(deps: BotDeps, doc: ConnectorDoc): ConnectorResponse {
  let webhookSecretSet = false;
  try {
    webhookSecretSet = Boolean(webhookSecretOf(credentialsOf(deps, doc)));
  } catch {
    // Unreadable credentials (another key): shown as set, the webhook as not verifiable.
  }
  return {
    id: String(doc._id),
    type: doc.type,
    base_url: doc.baseUrl,
    credentials: { set: true, webhook_secret_set: webhookSecretSet },
    options: doc.options,
    webhook_path: `/webhooks/${doc.type}/${String(doc._id)}`,
    account_id: doc.teamId,
    created_at: doc.createdAt.toISOString(),
    updated_at: doc.updatedAt.toISOString(),
  };
}
