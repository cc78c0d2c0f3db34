import { z } from 'zod';
import { Minutes, Name, namedValues } from '../primitives.js';
import { FeedbackRating, channel, flag, message } from './requests-config.js';

const idList = (description: string) =>
  z.array(z.string().min(1).max(100)).max(100).default([]).describe(description);

/** A helpdesk stage to move a ticket to; `null` leaves the stage alone. */
const stage = (description: string) =>
  z.string().min(1).max(200).nullable().default(null).describe(description);

/**
 * The triage card's actions an overflow menu can offer (`overflow_options`), by the names a
 * setting uses; each is offered where its button would be (Create ticket: a helpdesk and no
 * ticket; Raise internal ticket: internal ticket types; Summarise: AI assist).
 */
export const OVERFLOW_OPTIONS = ['Create ticket', 'Raise internal ticket', 'Summarise'] as const;
export type OverflowOption = (typeof OVERFLOW_OPTIONS)[number];

/** `tickets.config`: tickets in the external helpdesk created from requests. */
export const TicketsConfig = z
  .strictObject({
    helpdeskIds: idList('List of helpdesk IDs for the ticketing system.'),
    formIds: idList('List of form IDs for the ticketing system.'),
    showOverflowMenu: flag(
      false,
      'Indicates if the overflow menu is shown in the ticketing system: the triage card offers the overflow_options actions in a ⋯ menu instead of as buttons.',
    ),
    enable_only_for_customers_to_non_closed_ticket: flag(
      false,
      'Enables ticketing features only for customers with non-closed tickets: with send_threads_to_connectors, only the customer’s thread messages become ticket comments, and none go to a solved or closed ticket.',
    ),
    change_stage_for_non_closed_ticket: flag(false, 'Changes the stage for non-closed tickets.'),
    change_stage_for_non_closed_ticket_to_value: stage('The stage value for non-closed tickets.'),
    change_stage_for_closed_ticket: flag(false, 'Changes the stage for closed tickets.'),
    change_stage_for_closed_ticket_to_value: stage('The stage value for closed tickets.'),
    enable_follow_up_ticket: flag(
      false,
      'Enables the creation of follow-up tickets: a customer’s new message on a solved or closed ticket opens a linked follow-up ticket.',
    ),
    map_submitter_to_requestor: flag(false, 'Maps the submitter of a ticket to the requestor.'),
    invisible_only: flag(false, 'Indicates if tickets should only be visible to certain users.'),
    send_invisible_ticket_feedback_message: flag(
      false,
      'Sends feedback messages for invisible tickets.',
    ),
    send_feedback_message: flag(false, 'Sends feedback messages when tickets are closed.'),
    feedback_message: message(
      'How did we do on this ticket?',
      'The feedback message sent when a ticket is closed.',
    ),
    feedback_rating: FeedbackRating.default('2_POINTS').describe(
      "The rating system for feedback on tickets: '2_POINTS' or '5_POINTS'.",
    ),
    overflow_options: z
      .array(
        z.enum(OVERFLOW_OPTIONS, {
          error: `must be one of ${OVERFLOW_OPTIONS.map((o) => `"${o}"`).join(', ')}`,
        }),
      )
      .max(5)
      .refine((names) => new Set(names).size === names.length, 'names an option twice')
      .default([])
      .describe(
        'Options for the overflow menu (Slack allows at most 5, 75 characters each): the triage card actions moved into its ⋯ menu with showOverflowMenu, by name: "Create ticket", "Raise internal ticket", "Summarise" (none listed: Create ticket).',
      ),
    hide_tags: flag(false, 'Indicates if tags are hidden in the ticketing system.'),
    hide_urgency: flag(false, 'Indicates if urgency levels are hidden in the ticketing system.'),
    feedback_channel_id: channel('The channel where feedback messages are sent for tickets.'),
    send_feedback_as_ephemeral: flag(
      false,
      'Sends feedback messages as ephemeral in the ticketing system.',
    ),
    send_ai_summary_to_connectors: flag(
      false,
      'Sends AI-generated summaries to external connectors: a ticket a connector creates gets a summary of the conversation as an internal note (needs an AI provider, AI_BASE_URL; without one it does nothing).',
    ),
    send_threads_to_connectors: flag(false, 'Sends ticket threads to external connectors.'),
    send_feedback_message_to_channel: flag(false, 'Sends feedback messages to a specific channel.'),
    do_not_show_ticket_modal: flag(false, 'Disables the display of the ticket creation modal.'),
    hide_priority: flag(
      false,
      'Indicates if the priority field is hidden in the ticketing system.',
    ),
    hide_request_type: flag(
      false,
      'Indicates if the request type is hidden in the ticketing system.',
    ),
    escalation_cool_off_period_in_min: Minutes.default(30).describe(
      'The cool-off period (in minutes) before ticket escalations can occur again; 0 has none.',
    ),
    reply_on_closure: flag(false, 'Sends a reply when a ticket is closed.'),
    reply_on_closure_message: message(
      'This ticket has been closed. Reply in this thread if you need anything else.',
      'The message sent when a ticket is closed.',
    ),
    allow_ticket_creation_with_ticket_emoji: flag(
      false,
      'Allows ticket creation using a ticket emoji.',
    ),
  })
  .prefault({});

/** The card actions a channel's ⋯ menu offers: none without `showOverflowMenu`; Create ticket when it lists none. */
export function overflowOptions(config: {
  showOverflowMenu: boolean;
  overflow_options: readonly OverflowOption[];
}): readonly OverflowOption[] {
  if (!config.showOverflowMenu) return [];
  return config.overflow_options.length > 0 ? config.overflow_options : ['Create ticket'];
}

/** `tickets`: only `config` so far. */
export const Tickets = z.strictObject({ config: TicketsConfig }).prefault({});

/** An extra name/value pair copied onto every internal ticket (`value` may be empty). */
export const AdditionalField = z.strictObject({
  name: Name.describe('The field name.'),
  value: z
    .string()
    .max(2000)
    .describe('The value copied onto each internal ticket (may be empty).'),
});

/**
 * `internal_ticket`: tickets the team files internally (e.g. for Engineering).
 * `ticket_type_channels` maps a ticket type to the channel its tickets are posted in; seed 000
 * names only the `Product` type, so that is the one key (`null` = not routed).
 */
export const InternalTicket = z
  .strictObject({
    types: namedValues().describe("Internal ticket types (e.g., 'Engineering')."),
    tags: namedValues().describe("Tags for internal tickets (e.g., 'Customer Onboarding')."),
    severity: namedValues([
      { name: 'High', value: 'High' },
      { name: 'Medium', value: 'Medium' },
      { name: 'Low', value: 'Low' },
    ]).describe("Severity levels for internal tickets (e.g., 'High')."),
    additionalFields: z
      .array(AdditionalField)
      .max(50)
      .default([])
      .describe('Additional fields for internal tickets: {name, value} pairs.'),
    ticket_type_channels: z
      .strictObject({
        Product: channel("The Slack channel associated with the 'Product' ticket type."),
      })
      .prefault({}),
  })
  .prefault({});
