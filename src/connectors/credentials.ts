import { z } from 'zod';
import { SalesforceCredentials } from './crm.js';
import { HubspotCredentials } from './hubspot.js';

/**
 * The connector types and what each logs in with (issue 14): split from `connector.ts`, which
 * re-exports them.
 */

export const CONNECTOR_TYPES = ['zendesk', 'jira', 'linear', 'salesforce', 'hubspot'] as const;
export const ConnectorType = z.enum(CONNECTOR_TYPES);
export type ConnectorType = z.infer<typeof ConnectorType>;

const Secret = z.string().min(1, 'must not be empty').max(500, 'at most 500 characters');

/**
 * API token auth: Zendesk's `{email}/token:{api_token}`, Jira Cloud's `{email}:{api_token}`; and
 * the secret of the webhook that sends ticket events back (without it no event is accepted).
 */
export const ApiTokenCredentials = z
  .strictObject({
    email: z.email({ error: 'must be an e-mail address' }).max(320),
    api_token: Secret,
    webhook_secret: Secret.optional(),
  })
  .meta({ id: 'ApiTokenCredentials' });
export type ApiTokenCredentials = z.infer<typeof ApiTokenCredentials>;

/** Linear's personal API key (sent as `Authorization: <api_key>`) and its webhook's secret. */
export const ApiKeyCredentials = z
  .strictObject({ api_key: Secret, webhook_secret: Secret.optional() })
  .meta({ id: 'ApiKeyCredentials' });
export type ApiKeyCredentials = z.infer<typeof ApiKeyCredentials>;

/**
 * What a connector logs in with, by its type: an API key for Linear, a connected app's client
 * (and a user, for the username-password flow) for Salesforce, an e-mail and API token for the
 * others.
 */
export const ConnectorCredentials = z.union([
  ApiTokenCredentials,
  ApiKeyCredentials,
  SalesforceCredentials,
  HubspotCredentials,
]);
export type ConnectorCredentials = z.infer<typeof ConnectorCredentials>;

/** The secret a helpdesk's webhook calls are verified with, if its credentials hold one. */
export const webhookSecretOf = (credentials: ConnectorCredentials): string | undefined =>
  'webhook_secret' in credentials
    ? credentials.webhook_secret
    : 'access_token' in credentials
      ? credentials.client_secret
      : undefined;

/** The credentials' shape a type takes. */
export const credentialsSchemaOf = (type: ConnectorType) =>
  type === 'salesforce'
    ? SalesforceCredentials
    : type === 'hubspot'
      ? HubspotCredentials
      : type === 'linear'
        ? ApiKeyCredentials
        : ApiTokenCredentials;

/** The field that tells each type's credentials apart, and the words for a mismatch. */
const LOGIN: Record<ConnectorType, [string, string]> = {
  zendesk: ['email', 'email and api_token'],
  jira: ['email', 'email and api_token'],
  linear: ['api_key', 'an api_key'],
  salesforce: ['client_id', 'client_id and client_secret'],
  hubspot: ['access_token', 'a private app’s access_token'],
};

/** Why `credentials` do not suit a connector of `type`, or undefined when they do. */
export function credentialsMismatch(
  type: ConnectorType,
  credentials: ConnectorCredentials,
): string | undefined {
  const [field, words] = LOGIN[type];
  return field in credentials ? undefined : `a ${type} connector logs in with ${words}`;
}
