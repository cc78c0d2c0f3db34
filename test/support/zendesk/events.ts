import { createHmac } from 'node:crypto';
import type { ZendeskSimulator, ZendeskUser } from './simulator.js';

/** The webhook a test has pointed at the bot: where it posts and the secret it signs with. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** What the simulator's helpdesk agents do, each sent to the bot as Zendesk's ticket event. */
export interface EventSender {
  target?: WebhookTarget;
  /** An agent comments on the ticket: stored, then sent as `ticket.comment_added`. */
  comment(
    ticketId: number,
    body: string,
    options?: { public?: boolean; author?: ZendeskUser },
  ): Promise<number>;
  /** An agent changes the ticket's status: stored, then sent as `ticket.status_changed`. */
  status(ticketId: number, status: string): Promise<number>;
  /** Posts a body signed with `secret` (a forged call passes another). */
  send(body: unknown, secret?: string): Promise<number>;
}

let sequence = 0;

/** Zendesk's webhook event envelope (`zen:event-type:ticket.*`), signed as Zendesk signs it. */
export function zendeskEvents(sim: ZendeskSimulator): EventSender {
  const sender: EventSender = {
    async comment(ticketId, body, options = {}) {
      const ticket = sim.ticket(ticketId);
      if (!ticket) throw new Error(`no ticket ${ticketId}`);
      const author = options.author ?? sim.agent;
      const comment = { id: 900_000 + ++sequence, body, public: options.public ?? true };
      ticket.comments.push({ ...comment, author_id: author.id });
      return sender.send(
        envelope('comment_added', ticketId, {
          comment: {
            id: comment.id,
            body,
            is_public: comment.public,
            author: { id: author.id, name: author.name, is_staff: author.role !== 'end-user' },
          },
        }),
      );
    },
    async status(ticketId, status) {
      const ticket = sim.ticket(ticketId);
      if (!ticket) throw new Error(`no ticket ${ticketId}`);
      const previous = ticket.status;
      ticket.status = status;
      return sender.send(
        envelope('status_changed', ticketId, {
          current: status.toUpperCase(),
          previous: previous.toUpperCase(),
        }),
      );
    },
    async send(body, secret) {
      const target = sender.target;
      if (!target) throw new Error('no webhook target: set sim.events.target');
      const text = JSON.stringify(body);
      const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const signature = createHmac('sha256', secret ?? target.secret)
        .update(timestamp + text)
        .digest('base64');
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Zendesk Webhook',
          'x-zendesk-webhook-id': '01GK8E6BKWMJZD2T8Y5AXJQMG5',
          'x-zendesk-webhook-signature': signature,
          'x-zendesk-webhook-signature-timestamp': timestamp,
        },
        body: text,
      });
      return res.status;
    },
  };
  return sender;
}

function envelope(type: string, ticketId: number, event: unknown) {
  return {
    type: `zen:event-type:ticket.${type}`,
    account_id: 88888888,
    id: `01HN${String(++sequence).padStart(8, '0')}`,
    time: new Date().toISOString(),
    zendesk_event_version: '2022-11-06',
    subject: `zen:ticket:${ticketId}`,
    detail: { id: String(ticketId) },
    event,
  };
}
