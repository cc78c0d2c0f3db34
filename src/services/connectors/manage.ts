import type { ConnectorDoc } from '../../db/models/index.js';
import { ConnectorStore } from '../../db/repositories/connectors.js';
import type { BotDeps } from '../../deps.js';
import {
  MAX_CONNECTORS,
  VendorError,
  ConnectorCredentials,
  credentialsMismatch,
  type Connector,
  type ConnectorCreate,
  type ConnectorOptions,
  type ConnectorUpdate,
} from '../../connectors/connector.js';
import { validationError } from '../../errors.js';
import { revealSecret, sealSecret } from '../../settings/secrets.js';
import { refusedUrl } from '../webhooks/address.js';
import { JiraClient } from './jira.js';
import { LinearConnector } from './linear.js';
import { ZendeskClient } from './zendesk.js';

type ManageDeps = Pick<BotDeps, 'models' | 'env'>;

/** A vendor's name for people. */
export const VENDOR_NAME: Record<ConnectorDoc['type'], string> = {
  zendesk: 'Zendesk',
  jira: 'Jira',
  linear: 'Linear',
};

/** The stored credentials in clear, for the code that calls the vendor; never returned. */
export function credentialsOf(deps: Pick<BotDeps, 'env'>, doc: ConnectorDoc): ConnectorCredentials {
  const text = revealSecret(doc.credentials, deps.env.SETTINGS_ENCRYPTION_KEY);
  return ConnectorCredentials.parse(JSON.parse(text));
}

/** The vendor client for a stored connector. */
export function clientOf(deps: Pick<BotDeps, 'env'>, doc: ConnectorDoc): Connector {
  return clientFor(doc.type, doc.baseUrl, credentialsOf(deps, doc), doc.options);
}

function clientFor(
  type: ConnectorDoc['type'],
  baseUrl: string,
  credentials: ConnectorCredentials,
  options: ConnectorOptions,
): Connector {
  if ('api_key' in credentials) {
    return new LinearConnector(baseUrl, credentials.api_key, options.team_key ?? '');
  }
  if (type === 'jira') {
    const project = { key: options.project_key ?? '', issueType: options.issue_type };
    return new JiraClient(baseUrl, credentials, project);
  }
  return new ZendeskClient(baseUrl, credentials);
}

/**
 * Creates a connector once the vendor accepts its credentials (a 401 is a 422 naming
 * `credentials`, nothing stored); the credentials are stored sealed.
 */
export async function createConnector(
  deps: ManageDeps,
  teamId: string,
  input: ConnectorCreate,
): Promise<ConnectorDoc> {
  const key = encryptionKey(deps);
  const store = new ConnectorStore(deps.models);
  if ((await store.count(teamId)) >= MAX_CONNECTORS) {
    throw validationError([
      {
        loc: ['body'],
        msg: `a workspace has at most ${MAX_CONNECTORS} connectors; delete one first`,
        type: 'value_error.limit',
      },
    ]);
  }
  const me = await checkVendor(deps, input.type, input.base_url, input.credentials, input.options);
  return store.create(teamId, {
    type: input.type,
    baseUrl: input.base_url,
    credentials: sealSecret(JSON.stringify(input.credentials), key),
    options: input.options,
    vendorUserId: me.id,
  });
}

/** Changes a connector; a new address or new credentials are checked with the vendor first. */
export async function updateConnector(
  deps: ManageDeps,
  teamId: string,
  id: string,
  update: ConnectorUpdate,
): Promise<ConnectorDoc> {
  const store = new ConnectorStore(deps.models);
  const current = await store.get(teamId, id);
  const set: Parameters<ConnectorStore['update']>[2] = {};
  const options = { ...current.options, ...update.options };
  if (update.options) set.options = options;
  const mismatch = update.credentials && credentialsMismatch(current.type, update.credentials);
  if (mismatch) {
    throw validationError([
      { loc: ['body', 'credentials'], msg: mismatch, type: 'value_error.credentials' },
    ]);
  }
  if (update.base_url || update.credentials) {
    const key = encryptionKey(deps);
    const credentials = update.credentials ?? credentialsOf(deps, current);
    const baseUrl = update.base_url ?? current.baseUrl;
    set.vendorUserId = (await checkVendor(deps, current.type, baseUrl, credentials, options)).id;
    set.baseUrl = baseUrl;
    if (update.credentials) set.credentials = sealSecret(JSON.stringify(credentials), key);
  }
  return store.update(teamId, id, set);
}

export async function deleteConnector(deps: ManageDeps, teamId: string, id: string): Promise<void> {
  await new ConnectorStore(deps.models).remove(teamId, id);
}

function encryptionKey(deps: ManageDeps): Uint8Array {
  const key = deps.env.SETTINGS_ENCRYPTION_KEY;
  if (key) return key;
  throw validationError([
    {
      loc: ['body', 'credentials'],
      msg: 'credentials cannot be stored: the server has no SETTINGS_ENCRYPTION_KEY',
      type: 'encryption_key_missing',
    },
  ]);
}

/** Logs in to the vendor once; any refusal or silence is a 422 that says what it answered. */
async function checkVendor(
  deps: ManageDeps,
  type: ConnectorDoc['type'],
  baseUrl: string,
  credentials: ConnectorCredentials,
  options: ConnectorOptions,
): Promise<{ id: string; name: string }> {
  const refused = await refusedUrl(baseUrl, deps.env.WEBHOOK_ALLOW_PRIVATE);
  if (refused) {
    throw validationError([{ loc: ['body', 'base_url'], msg: refused, type: 'value_error.url' }]);
  }
  const vendor = VENDOR_NAME[type];
  try {
    return await clientFor(type, baseUrl, credentials, options).me();
  } catch (error) {
    if (!(error instanceof VendorError)) {
      throw validationError([
        {
          loc: ['body', 'base_url'],
          msg: `this address did not answer as ${vendor} does`,
          type: 'vendor_unreachable',
        },
      ]);
    }
    const unauthorized = error.kind === 'unauthorized';
    throw validationError([
      {
        loc: ['body', unauthorized ? 'credentials' : 'base_url'],
        msg: unauthorized
          ? `${vendor} answered ${error.status}: it refused these credentials (check the e-mail and API token)`
          : `${vendor} at this address did not accept the check (${error.status ?? 'no answer'}): ${error.message}`,
        type: unauthorized ? 'vendor_unauthorized' : 'vendor_unreachable',
      },
    ]);
  }
}
