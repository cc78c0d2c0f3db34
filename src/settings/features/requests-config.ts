import { z } from 'zod';
import { HttpUrl, Minutes, SlackBotId, SlackChannelId } from '../primitives.js';

/** A boolean switch with its default. */
export const flag = (value: boolean, description: string) =>
  z.boolean().default(value).describe(description);

/** An optional Slack channel; `null` means unset. */
export const channel = (description: string) =>
  SlackChannelId.nullable().default(null).describe(description);

/** A message text the bot posts to Slack (at most 4,000 characters). */
export const message = (value: string, description: string) =>
  z.string().max(4000).default(value).describe(description);

/** How a customer rates a closed request or ticket: thumbs up/down, or 1–5 stars. */
export const FeedbackRating = z.enum(['2_POINTS', '5_POINTS']);

/**
 * `requests.config`: detection, assignment, notifications, nudges, feedback and auto-replies.
 * Durations are whole minutes; for `delete_notification_from_triage_in_minutes`,
 * `close_nudge_duration_in_minutes` and `auto_close_duration_in_minutes`, 0 turns the feature off.
 */
export const RequestsConfig = z
  .strictObject({
    show_user_emails_in_assignee: flag(
      false,
      'Indicates if user emails should be shown in the assignee field.',
    ),
    ai_assist_auto_responder: flag(
      false,
      'Indicates if AI assist should auto-respond to requests.',
    ),
    welcome_message: message(
      "Hi! 👋 This channel is connected to our support team. Post your question here and we'll " +
        'track it and get back to you.',
      'The welcome message to be sent to users joining the workspace.',
    ),
    should_send_welcome_message: flag(false, 'Indicates if the welcome message should be sent.'),
    block_request_detection: flag(false, 'Indicates if request detection is blocked.'),
    send_suggestedrequest_message: flag(false, 'Indicates if suggested request messages are sent.'),
    send_suggestedrequest_message_channel: channel(
      'The channel where suggested request messages are sent.',
    ),
    conversation_grouping_window: Minutes.default(5).describe(
      'The time window (in minutes) for grouping conversations: customer messages within it join the same request.',
    ),
    reopen_closed_requests: flag(true, 'Indicates if closed requests should be reopened.'),
    move_onhold_to_inprogress: flag(
      true,
      'Indicates if requests on hold should be moved to in-progress.',
    ),
    delete_notification_from_triage_in_minutes: Minutes.default(0).describe(
      'Time (in minutes) before notifications are deleted from triage; 0 never deletes them.',
    ),
    suppress_requests_on_non_closed_conversation_threads: flag(
      true,
      'Suppresses requests on non-closed conversation threads.',
    ),
    suppress_requests_on_non_closed_ticket_threads: flag(
      true,
      'Suppresses requests on non-closed ticket threads: a customer’s reply in the thread of a request whose helpdesk ticket is not solved or closed never opens a request of its own.',
    ),
    use_customer_name_in_notifications: flag(
      false,
      'Indicates if the customer name should be used in notifications.',
    ),
    use_customer_logo_in_notifications: flag(
      false,
      'Indicates if the customer logo should be used in notifications.',
    ),
    auto_assign_request_to_first_responder: flag(
      false,
      'Automatically assigns requests to the first responder.',
    ),
    send_assigned_to_notification_to_user: flag(
      true,
      'Sends notifications to the user when they are assigned a request.',
    ),
    send_auto_assigned_ephemeral: flag(
      false,
      'Sends ephemeral messages when requests are auto-assigned.',
    ),
    close_nudge_duration_in_minutes: Minutes.default(0).describe(
      'Time (in minutes) for sending nudges to close requests; 0 sends no nudges.',
    ),
    stop_nudge_for_triage_channel: flag(
      false,
      'Indicates if nudges are stopped for the triage channel.',
    ),
    auto_close_duration_in_minutes: Minutes.default(0).describe(
      'Time (in minutes) after which requests are automatically closed; 0 never auto-closes.',
    ),
    auto_assign_thread_only: flag(false, 'Indicates if only threads should be auto-assigned.'),
    send_status_updates_on_request_thread: flag(
      true,
      'Sends status updates in the request thread.',
    ),
    send_first_request_notification: flag(
      false,
      'Sends notifications when the first request is detected.',
    ),
    write_all_requests_to_crm: flag(false, 'Writes all requests to the CRM.'),
    add_emojis_on_request_thread: flag(true, 'Adds emojis to the request thread.'),
    send_request_detected_ephemeral_to_csm: flag(
      false,
      'Sends ephemeral messages to the CSM when a request is detected.',
    ),
    auto_assign_to_csm: flag(
      false,
      'Automatically assigns requests to the customer success manager (CSM).',
    ),
    store_non_suggested_request: flag(false, 'Stores non-suggested requests.'),
    show_private_message_previews: flag(false, 'Shows previews of private messages.'),
    appHomeOwnerFilters: flag(false, 'Enables filters in the app home for request owners.'),
    send_feedback: flag(false, 'Sends feedback messages for requests.'),
    send_feedback_as_ephemeral: flag(false, 'Sends feedback messages as ephemeral.'),
    feedback_message: message(
      'How did we do on this request?',
      'The feedback message sent when a request is closed.',
    ),
    feedback_rating: FeedbackRating.default('2_POINTS').describe(
      "The rating system for feedback: '2_POINTS' (thumbs up/down) or '5_POINTS' (1–5).",
    ),
    send_request_feedback_received_message: flag(
      false,
      'Sends a message when request feedback is received.',
    ),
    send_request_feedback_received_message_channel: channel(
      'The channel where feedback received messages are sent.',
    ),
    request_for_text_feedback: flag(false, 'Requests textual feedback from customers.'),
    knowledge_base_name: z
      .string()
      .min(1)
      .max(200)
      .nullable()
      .default(null)
      .describe('The name of the knowledge base.'),
    knowledge_base_url: HttpUrl.nullable().default(null).describe('The URL of the knowledge base.'),
    send_kbsuggested_answers: flag(false, 'Sends suggested answers from the knowledge base.'),
    auto_create_ticket_from_request: flag(false, 'Automatically creates tickets from requests.'),
    auto_respond_to_requests: flag(false, 'Automatically responds to detected requests.'),
    message_for_auto_respond_to_requests: message(
      "Thanks for reaching out! We've received your request and will get back to you shortly.",
      'The message sent when auto-responding to a request.',
    ),
    use_csm_avatar_for_auto_respond_to_requests: flag(
      false,
      "Uses the CSM's avatar for auto-responses.",
    ),
    white_listed_bots: z
      .array(SlackBotId)
      .max(100)
      .default([])
      .describe('List of bots (bot ids) whose messages may become requests.'),
    is_request_escalation_enabled: flag(false, 'Indicates if request escalation is enabled.'),
    message_for_request_escalation: message(
      'This request has been escalated. Our team is looking into it with priority.',
      'The message sent for request escalation.',
    ),
    block_new_request_creation_on_discard_request: flag(
      false,
      'Blocks new request creation when a request is discarded.',
    ),
    host_domain: z
      .hostname({ error: 'Expected a host name such as support.example.com' })
      .max(253)
      .nullable()
      .default(null)
      .describe('The host domain for the requests.'),
    web_request_redirection_channel: channel('The channel to which web requests are redirected.'),
    web_request_email_communication: flag(
      false,
      'Indicates if web requests trigger email communication.',
    ),
    ai_smart_grouping: flag(
      false,
      'Enables AI smart grouping of requests: the model says whether a customer’s new message belongs to their open request (needs an AI provider, AI_BASE_URL; without one it does nothing).',
    ),
    send_request_escalation_message_channel: channel(
      'The channel to which escalation messages are sent.',
    ),
  })
  .prefault({});
