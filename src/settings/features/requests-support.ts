import { z } from 'zod';
import { Minutes, SlackChannelId, namedValues } from '../primitives.js';
import { WorkingHoursConfig } from './working-hours.js';

const enabled = (description: string, value = false) =>
  z.strictObject({ isEnabled: z.boolean().default(value).describe(description) }).prefault({});

/**
 * Which customer message the response-SLA clock is measured from: `first_message` (the request's
 * first customer message) or `last_message` (the latest customer message not yet answered).
 */
export const MessageTsComparison = z.enum(['first_message', 'last_message']);

/** What happens when a response SLA is breached (seed descriptions, all off by default). */
export const SlaBreachConfig = z
  .strictObject({
    reaction: z
      .strictObject({
        isEnabled: z
          .boolean()
          .default(false)
          .describe('Indicates if reactions are enabled for SLA breaches.'),
        message_ts_comparison: MessageTsComparison.default('first_message').describe(
          'The condition for comparing message timestamps for SLA breaches: ' +
            "'first_message' measures from the request's first customer message, " +
            "'last_message' from the latest unanswered one.",
        ),
      })
      .prefault({}),
    conversation_response: enabled(
      'Indicates if conversation response is enabled for SLA breaches.',
    ),
    suggested_request_invalidation: enabled(
      'Indicates if request invalidation is enabled for SLA breaches.',
    ),
    request: enabled('Indicates if SLA breaches trigger request-level actions.'),
  })
  .prefault({});

/** SLA targets, working hours and the classification lists of requests. */
export const RequestsSupport = z
  .strictObject({
    request_closure_sla: z
      .strictObject({
        isEnabled: z
          .boolean()
          .default(false)
          .describe('Indicates if the request closure SLA is enabled.'),
        sla: Minutes.default(1440).describe('The SLA duration for request closure (minutes).'),
        sla_channel: SlackChannelId.nullable()
          .default(null)
          .describe('The channel to which SLA breach notifications are sent.'),
      })
      .prefault({}),
    response_sla: z
      .strictObject({
        workingHoursConfig: WorkingHoursConfig,
        sla_breach_config: SlaBreachConfig,
        isEnabled: z.boolean().default(false).describe('Indicates if response SLA is enabled.'),
        sla: Minutes.default(60).describe('The SLA duration for response times (minutes).'),
        sla_channel: SlackChannelId.nullable()
          .default(null)
          .describe('The channel to which response SLA breach notifications are sent.'),
      })
      .prefault({}),
    severity: namedValues([
      { name: 'High', value: 'High' },
      { name: 'Medium', value: 'Medium' },
      { name: 'Low', value: 'Low' },
    ]).describe("Severity levels (e.g., 'High', 'Medium', 'Low')."),
    tags: namedValues().describe("Tags for classifying requests (e.g., 'Customer Onboarding')."),
  })
  .prefault({});
