import type { ConnectorCredentials, ConnectorOptions } from '../../connectors/connector.js';
import { SalesforceCredentials } from '../../connectors/connector.js';
import { DEFAULT_EXTERNAL_ID_FIELD } from '../../connectors/crm.js';
import {
  DEFAULT_ID_PROPERTY,
  DEFAULT_PIPELINE,
  HubspotCredentials,
} from '../../connectors/hubspot.js';
import type { ConnectorDoc } from '../../db/models/index.js';
import { validationError } from '../../errors.js';
import { HubspotClient } from './hubspot.js';
import { SalesforceClient } from './salesforce.js';

/** A CRM connector's type. */
export type CrmType = Extract<ConnectorDoc['type'], 'salesforce' | 'hubspot'>;
export const isCrmType = (type: ConnectorDoc['type']): type is CrmType =>
  type === 'salesforce' || type === 'hubspot';

/** What to check when a CRM refuses the credentials. */
export const CHECK_HINT: Partial<Record<ConnectorDoc['type'], string>> = {
  salesforce: 'check the consumer key and secret, and the connected app’s flow',
  hubspot: 'check the private app’s access token and its scopes',
};

/** The Salesforce Case's External ID field holding the request's id. */
export const externalIdField = (options: Partial<ConnectorOptions>): string =>
  options.external_id_field ?? DEFAULT_EXTERNAL_ID_FIELD;
/** The HubSpot ticket's unique property holding the request's id. */
export const idPropertyOf = (options: Partial<ConnectorOptions>): string =>
  options.id_property ?? DEFAULT_ID_PROPERTY;
/** The HubSpot ticket pipeline new tickets go in. */
export const pipelineOf = (options: Partial<ConnectorOptions>): string =>
  options.pipeline ?? DEFAULT_PIPELINE;

/** The client of a CRM connector (`portalId`: HubSpot's, as its check read it). */
export function crmClientFor(
  type: CrmType,
  baseUrl: string,
  credentials: ConnectorCredentials,
  options: Partial<ConnectorOptions>,
  portalId: string | null,
): SalesforceClient | HubspotClient {
  if (type === 'hubspot') {
    const token = HubspotCredentials.parse(credentials);
    return new HubspotClient(baseUrl, token, idPropertyOf(options), portalId ?? '');
  }
  const login = SalesforceCredentials.parse(credentials);
  return new SalesforceClient(baseUrl, login, externalIdField(options));
}

type Checked = { id: string; name: string; fields: string[]; readableFields: string[] };

/**
 * A CRM's check: logs in, and reads the Case's (ticket's) fields; the field that makes creates
 * idempotent must be one the credentials may write (HubSpot: with unique values), else a 422
 * naming its option.
 */
export async function checkCrm(
  type: CrmType,
  baseUrl: string,
  credentials: ConnectorCredentials,
  options: Partial<ConnectorOptions>,
): Promise<Checked> {
  const client = crmClientFor(type, baseUrl, credentials, options, null);
  const me = await client.me();
  if (client instanceof HubspotClient) {
    const properties = await client.ticketPropertyList();
    const name = idPropertyOf(options);
    const property = properties.find((p) => p.name === name);
    if (!property?.unique || !property.writable) {
      throw validationError([
        {
          loc: ['body', 'options', 'id_property'],
          msg: `HubSpot's tickets have no ${property ? 'unique-value ' : ''}property ${name} this token may write: create it (Single-line text, "Require unique values for this property" on) or name another`,
          type: 'value_error.id_property',
        },
      ]);
    }
    const writable = properties.filter((p) => p.writable).map((p) => p.name);
    return { ...me, fields: writable, readableFields: properties.map((p) => p.name) };
  }
  const { writable: fields, readable } = await client.caseFields();
  const field = externalIdField(options);
  if (!fields.includes(field)) {
    throw validationError([
      {
        loc: ['body', 'options', 'external_id_field'],
        msg: `the Case object has no field ${field} these credentials may write: create it (Text, External ID, Unique) or name another`,
        type: 'value_error.external_id_field',
      },
    ]);
  }
  return { ...me, fields, readableFields: readable };
}
