import { z } from 'zod';
import { ChannelCondition, Name, NamedValue, SlackChannelId } from '../primitives.js';
import { RequestsConfig, channel, flag } from './requests-config.js';
import { RequestsSupport } from './requests-support.js';

/** Several conditions match a channel when any one of them matches. */
const conditions = (description: string) =>
  z
    .array(ChannelCondition)
    .max(50)
    .default([{ condition: 'starts_with', value: 'ext-' }])
    .describe(description);

/** How `notifyOnChannelJoin` picks channels: by name `conditions` or by the listed `channelIds`. */
export const HowAreChannelsDefined = z.enum(['by-conditions', 'by-channel-ids']);

/** Joining customer channels automatically and announcing the joins. */
export const RequestsAutomations = z
  .strictObject({
    makeThenaBotAutoJoinChannels: z
      .strictObject({
        conditions: conditions("Conditions for auto-joining channels (e.g., starts with 'ext-')."),
        isEnabled: flag(
          false,
          'Indicates if ThenaBot auto-joins channels based on the conditions.',
        ),
      })
      .prefault({}),
    notifyOnChannelJoin: z
      .strictObject({
        conditions: conditions(
          "Conditions for notifying when joining channels (e.g., starts with 'ext-').",
        ),
        isEnabled: flag(false, 'Indicates if notifications are sent when a channel is joined.'),
        howAreChannelsDefined: HowAreChannelsDefined.default('by-conditions').describe(
          "Defines how channels are identified: 'by-conditions' or 'by-channel-ids'.",
        ),
        channelIds: z
          .array(SlackChannelId)
          .max(1000)
          .default([])
          .describe('List of specific channel IDs for notifications when joining channels.'),
        alertsChannel: channel('The channel where alerts are sent when a channel is joined.'),
      })
      .prefault({}),
  })
  .prefault({});

/** A custom request field; `type: 'select'` needs at least one available value. */
export const RequestCategory = z
  .strictObject({
    category_name: Name.describe('The name of the category for classifying requests.'),
    type: z
      .enum(['text', 'select'])
      .default('text')
      .describe("The type of the category ('text' or 'select')."),
    available_values: z
      .array(NamedValue)
      .max(100)
      .default([])
      .describe('The values a select category offers.'),
    capture_change: flag(false, 'Indicates if category changes are captured.'),
    mandatory_on_close: flag(false, 'Indicates if the category is mandatory on closing a request.'),
    autoassign_by_ai: flag(
      false,
      'Indicates if the category is auto-assigned by AI: set from the model’s answer without a click.',
    ),
  })
  .refine((category) => category.type !== 'select' || category.available_values.length > 0, {
    error: 'A select category needs at least one available value',
    path: ['available_values'],
  });
export type RequestCategory = z.infer<typeof RequestCategory>;

/** A link from a request to a custom field defined elsewhere. */
export const RequestCustomField = z.strictObject({
  custom_field_id: Name.describe('The unique identifier for the custom field.'),
  _id: Name.describe('The internal ID of the custom field.'),
});

const tagList = (description: string) =>
  z.array(z.string().min(1).max(100)).max(500).default([]).describe(description);

/** `requests`: how customer messages become tracked requests. */
export const Requests = z
  .strictObject({
    automations: RequestsAutomations,
    config: RequestsConfig,
    support: RequestsSupport,
    ai: z
      .strictObject({
        requestSubTypes: tagList('List of request subtypes for AI tagging.'),
      })
      .prefault({}),
    aiTags: z
      .strictObject({
        userDefinedTags: tagList('List of user-defined AI tags.'),
        blacklistedAITags: tagList("List of blacklisted AI tags (e.g., 'assistance', 'issue')."),
      })
      .prefault({}),
    categories: z
      .array(RequestCategory)
      .max(50)
      .refine((list) => new Set(list.map((c) => c.category_name)).size === list.length, {
        error: 'Category names must be unique',
      })
      .default([])
      .describe('Categories (custom fields) for classifying requests.'),
    custom_fields: z
      .array(RequestCustomField)
      .max(100)
      .default([])
      .describe('Custom fields attached to requests.'),
    sink: z
      .strictObject({
        salesforce: z
          .string()
          .regex(
            /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/,
            'Expected a 15- or 18-character Salesforce id',
          )
          .nullable()
          .default(null)
          .describe('Salesforce ID for syncing requests with Salesforce.'),
        salesforceAccountName: z
          .string()
          .min(1)
          .max(255)
          .nullable()
          .default(null)
          .describe('The name of the Salesforce account for syncing.'),
      })
      .prefault({}),
  })
  .prefault({});
