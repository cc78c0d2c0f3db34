import type { z } from 'zod';
import type { TicketsConfig as Schema } from '../settings/features/tickets.js';
import { feedbackNoticeChannel } from './feedback.js';

type TicketsConfig = z.infer<typeof Schema>;

/**
 * Ticket CSAT (`tickets.config` feedback keys): when a request's helpdesk ticket is solved or
 * closed, with `send_feedback_message` on and `csat_send_for` `TICKET`, its requester is asked
 * `feedback_message` on the `feedback_rating` scale, once per ticket (the claim key); a ticket
 * made as an internal note (`invisible_only`) only with `send_invisible_ticket_feedback_message`.
 * Undefined when nothing is asked.
 *
 * @example
 * ticketFeedbackKey({ _id: 'r1', ticket: { id: '42', connectorId: 'c1' } }, true, config, 'TICKET');
 * // 'feedback:connector-ticket:r1:42'
 */
export function ticketFeedbackKey(
  request: { _id: unknown; ticket: { id: string; connectorId: string | null } | null },
  closed: boolean,
  config: Pick<
    TicketsConfig,
    'send_feedback_message' | 'invisible_only' | 'send_invisible_ticket_feedback_message'
  >,
  csatSendFor: string,
): string | undefined {
  const { ticket } = request;
  if (!closed || !ticket?.connectorId) return undefined;
  if (!config.send_feedback_message || csatSendFor !== 'TICKET') return undefined;
  if (config.invisible_only && !config.send_invisible_ticket_feedback_message) return undefined;
  return `feedback:connector-ticket:${String(request._id)}:${ticket.id}`;
}

/**
 * Where the team hears of a ticket's rating: `feedback_channel_id` with
 * `send_feedback_message_to_channel`, else where a request's rating goes
 * (`feedbackNoticeChannel`).
 */
export function ticketFeedbackNoticeChannel(
  tickets: Pick<TicketsConfig, 'send_feedback_message_to_channel' | 'feedback_channel_id'>,
  requests: Parameters<typeof feedbackNoticeChannel>[0],
  triageChannelId: string | null | undefined,
): string | undefined {
  if (tickets.send_feedback_message_to_channel && tickets.feedback_channel_id) {
    return tickets.feedback_channel_id;
  }
  return feedbackNoticeChannel(requests, triageChannelId);
}
