import type { ConnectorDoc } from '../../db/models/index.js';
import { ConnectorStore, connectorNotFound } from '../../db/repositories/connectors.js';
import type { BotDeps } from '../../deps.js';
import {
  MAX_CONNECTORS,
  VendorError,
  ApiTokenCredentials,
  ConnectorCredentials,
  credentialsMismatch,
  credentialsSchemaOf,
  type Connector,
  type ConnectorCreate,
  type ConnectorOptions,
  type ConnectorUpdate,
} from '../../connectors/connector.js';
import { AppError, validationError } from '../../errors.js';
import type { CrmClient } from '../../connectors/crm.js';
import { revealSecret, sealSecret } from '../../settings/secrets.js';
import { refusedUrl } from '../webhooks/address.js';
import { JiraClient } from './jira.js';
import { LinearConnector } from './linear.js';
import { CHECK_HINT, checkCrm, crmClientFor, isCrmType } from './crm-clients.js';
import { ZendeskClient } from './zendesk.js';
import { connectorUsers } from './users.js';

type ManageDeps = Pick<BotDeps, 'models' | 'env'>;

/** A vendor's name for people. */
export const VENDOR_NAME: Record<ConnectorDoc['type'], string> = {
  zendesk: 'Zendesk',
  jira: 'Jira',
  linear: 'Linear',
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
};

/** The stored credentials in clear (its type's shape), for the code that calls the vendor; never returned. */
export function credentialsOf(deps: Pick<BotDeps, 'env'>, doc: ConnectorDoc): ConnectorCredentials {
  const text = revealSecret(doc.credentials, deps.env.SETTINGS_ENCRYPTION_KEY);
  return credentialsSchemaOf(doc.type).parse(JSON.parse(text));
}

/** The CRM client for a stored CRM connector (Salesforce or HubSpot). */
export function crmOf(deps: Pick<BotDeps, 'env'>, doc: ConnectorDoc): CrmClient {
  if (!isCrmType(doc.type)) throw new VendorError('refused', `a ${doc.type} connector is no CRM`);
  return crmClientFor(
    doc.type,
    doc.baseUrl,
    credentialsOf(deps, doc),
    doc.options,
    doc.vendorUserId,
  );
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
  if (isCrmType(type)) {
    throw new VendorError(
      'refused',
      `a ${VENDOR_NAME[type]} connector is a CRM: it writes requests itself, not helpdesk tickets`,
    );
  }
  if (type === 'jira') {
    const project = { key: options.project_key ?? '', issueType: options.issue_type };
    return new JiraClient(baseUrl, ApiTokenCredentials.parse(credentials), project);
  }
  return new ZendeskClient(baseUrl, ApiTokenCredentials.parse(credentials));
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
    fields: me.fields,
    readableFields: me.readableFields,
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
    const me = await checkVendor(deps, current.type, baseUrl, credentials, options);
    set.vendorUserId = me.id;
    set.fields = me.fields;
    set.readableFields = me.readableFields;
    set.baseUrl = baseUrl;
    if (update.credentials) set.credentials = sealSecret(JSON.stringify(credentials), key);
  }
  return store.update(teamId, id, set);
}

/** Logs in to the vendor again with a stored connector's credentials; a refusal is the 422 a save gets. */
export async function checkConnector(deps: ManageDeps, teamId: string, id: string): Promise<void> {
  const doc = await new ConnectorStore(deps.models).get(teamId, id);
  await checkVendor(deps, doc.type, doc.baseUrl, credentialsOf(deps, doc), doc.options);
}

/**
 * Deletes the connector unless channels use it (`tickets.config.helpdeskIds`, the Salesforce
 * keys): their tickets or Cases would have nowhere to go. Answers its type and the channels
 * using it (none: it was deleted), or null when the workspace has no such connector.
 */
export async function deleteUnused(
  deps: ManageDeps & Pick<BotDeps, 'settings'>,
  teamId: string,
  id: string,
): Promise<{ type: ConnectorDoc['type']; channels: string[] } | null> {
  const store = new ConnectorStore(deps.models);
  const docs = await store.list(teamId);
  const doc = docs.find((d) => String(d._id) === id);
  if (!doc) return null;
  const channels = (await connectorUsers(deps, teamId, docs)).get(id) ?? [];
  if (channels.length === 0) await store.remove(teamId, id);
  return { type: doc.type, channels };
}

/** The API's delete: a 404 for no such connector, a 409 naming the channels that still use it. */
export async function deleteConnector(
  deps: ManageDeps & Pick<BotDeps, 'settings'>,
  teamId: string,
  id: string,
): Promise<void> {
  const found = await deleteUnused(deps, teamId, id);
  if (!found) throw connectorNotFound(id);
  if (found.channels.length > 0) {
    const named = found.channels.map((channel) => `#${channel}`).join(', ');
    throw new AppError(
      'conflict',
      `the connector is still used by ${named}: take it out of their settings (tickets.config.helpdeskIds, or the Salesforce keys) first`,
    );
  }
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
): Promise<{ id: string; name: string; fields: string[]; readableFields: string[] }> {
  const refused = await refusedUrl(baseUrl, deps.env.WEBHOOK_ALLOW_PRIVATE);
  if (refused) {
    throw validationError([{ loc: ['body', 'base_url'], msg: refused, type: 'value_error.url' }]);
  }
  const shape = credentialsSchemaOf(type).safeParse(credentials);
  if (!shape.success) {
    const msg =
      credentialsMismatch(type, credentials) ?? shape.error.issues[0]?.message ?? 'not valid';
    throw validationError([{ loc: ['body', 'credentials'], msg, type: 'value_error.credentials' }]);
  }
  const vendor = VENDOR_NAME[type];
  try {
    if (isCrmType(type)) return await checkCrm(type, baseUrl, shape.data, options);
    const me = await clientFor(type, baseUrl, credentials, options).me();
    return { ...me, fields: [], readableFields: [] };
  } catch (error) {
    if (error instanceof AppError) throw error;
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
          ? `${vendor} answered ${error.status}: it refused these credentials (${CHECK_HINT[type] ?? 'check the e-mail and API token'})`
          : `${vendor} at this address did not accept the check (${error.status ?? 'no answer'}): ${error.message}`,
        type: unauthorized ? 'vendor_unauthorized' : 'vendor_unreachable',
      },
    ]);
  }
}
