import {
  ticketFeedbackKey,
  ticketFeedbackNoticeChannel,
} from '../../../src/feedback/ticket-feedback.js';

describe('ticket CSAT', () => {
  const request = { _id: 'r1', ticket: { id: '42', connectorId: 'c1' } };
  const on = {
    send_feedback_message: true,
    invisible_only: false,
    send_invisible_ticket_feedback_message: false,
  };

  it.each<[string, Parameters<typeof ticketFeedbackKey>, string | undefined]>([
    ['asks once per ticket', [request, true, on, 'TICKET'], 'feedback:connector-ticket:r1:42'],
    ['not before the ticket is solved', [request, false, on, 'TICKET'], undefined],
    ['not with csat_send_for REQUEST', [request, true, on, 'REQUEST'], undefined],
    ['not when off', [request, true, { ...on, send_feedback_message: false }, 'TICKET'], undefined],
    [
      'not for the bot’s own ticket id',
      [{ ...request, ticket: { id: 'TKT-1', connectorId: null } }, true, on, 'TICKET'],
      undefined,
    ],
    [
      'not for an internal-note ticket',
      [request, true, { ...on, invisible_only: true }, 'TICKET'],
      undefined,
    ],
    [
      'for one with send_invisible_ticket_feedback_message',
      [
        request,
        true,
        { ...on, invisible_only: true, send_invisible_ticket_feedback_message: true },
        'TICKET',
      ],
      'feedback:connector-ticket:r1:42',
    ],
  ])('%s', (_name, args, key) => {
    expect(ticketFeedbackKey(...args)).toBe(key);
  });

  const requests = {
    send_request_feedback_received_message: true,
    send_request_feedback_received_message_channel: null,
  };
  it.each<[string, boolean, string | null, string | undefined]>([
    ['the feedback channel when sending there', true, 'C0FEED', 'C0FEED'],
    ['the request rule when not sending there', false, 'C0FEED', 'C0TRIAGE'],
    ['the request rule without a channel', true, null, 'C0TRIAGE'],
  ])('tells %s', (_name, toChannel, channel, expected) => {
    const tickets = { send_feedback_message_to_channel: toChannel, feedback_channel_id: channel };
    expect(ticketFeedbackNoticeChannel(tickets, requests, 'C0TRIAGE')).toBe(expected);
  });
});
