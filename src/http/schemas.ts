import { z } from 'zod';
import { ErrorDetail } from '../errors.js';
import { RelationshipSettings, WorkspaceSettings } from '../settings/effective.js';
import { SlackChannelId } from '../settings/primitives.js';
import { AttributeModel, AttributeModelInput } from '../custom-fields/definition.js';

/** The error body of every non-2xx answer; 422s carry seed 002's `{loc, msg, type}` entries. */
export const ErrorBody = z
  .object({
    ok: z.literal(false),
    error: z.string().meta({ description: 'A stable error code, e.g. validation_failed' }),
    message: z.string(),
    detail: z.array(ErrorDetail),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export { RelationshipSettings };

/** Seed 000's response envelope. */
export const SettingsResponse = z
  .object({ ok: z.literal(true), error: z.null(), data: z.array(RelationshipSettings) })
  .meta({ id: 'SettingsResponse' });
export type SettingsResponse = z.infer<typeof SettingsResponse>;

export const WorkspaceSettingsResponse = z
  .object({ ok: z.literal(true), error: z.null(), data: WorkspaceSettings })
  .meta({ id: 'WorkspaceSettingsResponse' });
export type WorkspaceSettingsResponse = z.infer<typeof WorkspaceSettingsResponse>;

/** `?explain=true` adds the provenance of every key to a settings answer. */
export const ExplainQuery = z.object({ explain: z.enum(['true', 'false']).optional() });
export const AccountIdParams = z.object({ accountId: z.string() });
export const ChannelIdParams = z.object({ channelId: z.string() });

/** Settings write bodies: one schema each, parsed by `planWrite` and published here. */
export { SettingsWrite, ChannelSettingsWrite } from '../settings/write.js';

// The channel resource's shapes are the domain's (src/channels/channel.ts), which the service
// applies; published here with the rest of the API's.
export {
  AssignmentMode,
  BusinessHours,
  ChannelKind,
  ChannelResponse,
  ChannelUpdate,
  DaySchedule,
  WEEKDAYS,
} from '../channels/channel.js';

export const AccountCreate = z
  .strictObject({
    name: z.string().max(200).trim().min(1),
    channels: z.array(SlackChannelId).max(100).default([]),
  })
  .meta({ id: 'AccountCreate' });

/** A Salesforce Account Id: 15 or 18 letters and digits. */
const SalesforceId = z
  .string()
  .regex(/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/, 'Expected a Salesforce Id');

/**
 * `PATCH /accounts/{id}`: link the account to its Salesforce Account or HubSpot company, by id
 * or exact name.
 */
export const AccountUpdate = z
  .strictObject({
    crm: z
      .union(
        [
          z.strictObject({ salesforce_account_id: SalesforceId }),
          z.strictObject({ salesforce_account_name: z.string().trim().min(1).max(255) }),
          z.strictObject({
            hubspot_company_id: z.string().regex(/^[0-9]{1,20}$/, 'Expected a HubSpot company id'),
          }),
          z.strictObject({ hubspot_company_name: z.string().trim().min(1).max(255) }),
        ],
        {
          error:
            'Expected {"salesforce_account_id": …}, {"salesforce_account_name": …}, {"hubspot_company_id": …} or {"hubspot_company_name": …}, or null to unlink',
        },
      )
      .nullable(),
  })
  .meta({ id: 'AccountUpdate' });

export const AccountResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    channels: z.array(z.string()),
    internal_channel_id: z
      .string()
      .nullable()
      .describe('The internal channel made or found for the account (crm.internal_channels)'),
    crm: z
      .union([
        z.object({ salesforce_account_id: z.string(), salesforce_account_name: z.string() }),
        z.object({ hubspot_company_id: z.string(), hubspot_company_name: z.string() }),
      ])
      .nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Account' });
export type AccountResponse = z.infer<typeof AccountResponse>;

export const HealthResponse = z
  .object({
    ok: z.boolean(),
    database: z.enum(['up', 'down']),
    scheduler: z.enum(['running', 'stopped', 'disabled']),
  })
  .meta({ id: 'Health' });
export type HealthResponse = z.infer<typeof HealthResponse>;

// Custom field definitions: the bodies are the domain's (src/custom-fields/definition.ts).
export { CustomFieldCreate, CustomFieldUpdate } from '../custom-fields/definition.js';
export const CustomFieldIdParams = z.object({ id: z.string() });
export const CustomFieldListQuery = z
  .strictObject({
    attribute_model: AttributeModelInput.optional().describe(
      "Only a request's (conversation_attribute, 0) or a contact's (contact_attribute, 1) definitions; both when absent",
    ),
  })
  .meta({ id: 'CustomAttributeDefinitionQuery' });

/** Chatwoot's custom attribute definition, as the API answers it. */
export const CustomFieldResponse = z
  .object({
    id: z.string(),
    attribute_display_name: z.string(),
    attribute_display_type: z.enum(['text', 'number', 'list', 'date']),
    attribute_description: z.string(),
    attribute_key: z.string(),
    attribute_values: z.array(z.string()),
    attribute_model: AttributeModel,
    default_value: z.null(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'CustomAttributeDefinition' });
export type CustomFieldResponse = z.infer<typeof CustomFieldResponse>;

// Custom field values on a conversation (a request): Chatwoot's "Add custom attributes".
export const ConversationIdParams = z.object({ id: z.string() });
const AttributeValues = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export const ConversationAttributesWrite = z
  .strictObject({
    custom_attributes: AttributeValues.describe(
      'Values by attribute_key: text, a number, one of a list’s options or a date as YYYY-MM-DD; null or "" clears one',
    ),
  })
  .meta({ id: 'ConversationCustomAttributesWrite' });
export const ConversationAttributesResponse = z
  .object({
    custom_attributes: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .describe('Every value the conversation holds, by attribute_key'),
  })
  .meta({ id: 'ConversationCustomAttributes' });
export type ConversationAttributesResponse = z.infer<typeof ConversationAttributesResponse>;
// Canned responses: the bodies are the domain's (src/desk/canned.ts).
export { CannedResponseCreate, CannedResponseUpdate } from '../desk/canned.js';
export const CannedResponseIdParams = z.object({ id: z.string() });
export const CannedResponseQuery = z.object({
  search: z
    .string()
    .max(200)
    .optional()
    .describe('Short codes or contents containing it (any case)'),
});

/** Chatwoot's canned response (the workspace standing for its account), as the API answers it. */
export const CannedResponseResponse = z
  .object({
    id: z.string(),
    short_code: z.string(),
    content: z.string(),
    created_by: z.string().describe('The Slack user whose API token created it'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'CannedResponse' });
export type CannedResponseResponse = z.infer<typeof CannedResponseResponse>;

// Webhooks: the bodies are the domain's (src/desk/webhook.ts).
export { WebhookCreate, WebhookUpdate } from '../desk/webhook.js';
export const WebhookIdParams = z.object({ id: z.string() });
export const WebhookDeliveryParams = z.object({ id: z.string(), deliveryId: z.string() });
/** `POST …/redeliver` takes an empty JSON object (every write carries a JSON body). */
export const WebhookRedeliver = z.strictObject({}).meta({ id: 'WebhookRedeliver' });

/** Seed 003's webhook (the workspace standing for its account). */
export const WebhookResponse = z
  .object({
    id: z.string(),
    url: z.string(),
    subscriptions: z.array(z.string()),
    account_id: z.string().describe('The workspace (Slack team id)'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Webhook' });
export type WebhookResponse = z.infer<typeof WebhookResponse>;

/** A new webhook: the only answer that shows its signing secret. */
export const WebhookCreated = WebhookResponse.extend({
  secret: z.string().describe('Signs each delivery (X-Triage-Signature); shown only here'),
}).meta({ id: 'WebhookCreated' });
export type WebhookCreated = z.infer<typeof WebhookCreated>;

export const WebhookDeliveryResponse = z
  .object({
    id: z.string(),
    event_id: z.string().describe('The body’s `id`: the same on every attempt and redelivery'),
    event: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    next_attempt_at: z.iso.datetime().nullable(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    delivered_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDeliveryResponse = z.infer<typeof WebhookDeliveryResponse>;
