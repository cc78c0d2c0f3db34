import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { InboundEvent } from './connector.js';

/**
 * Zendesk's webhooks: the signature they carry and the ticket events the bot reads. A webhook
 * signs `timestamp + body` with its signing secret: `X-Zendesk-Webhook-Signature` is the
 * base64 HMAC-SHA256, `X-Zendesk-Webhook-Signature-Timestamp` the time it was sent.
 */

export const SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';

/** How far a signed timestamp may be from now: older ones may be replays. */
export const MAX_SKEW_MS = 10 * 60_000;

/** The signature Zendesk sends for `body` at `timestamp`. */
export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret)
    .update(timestamp + body)
    .digest('base64');
}

/**
 * Why a webhook call is refused, or undefined when it is Zendesk's: the signature must be the
 * webhook's, over this body and timestamp, and the timestamp recent.
 */
export function refuseZendeskCall(
  secret: string | undefined,
  headers: { signature?: string | undefined; timestamp?: string | undefined },
  body: string,
  now: Date,
): string | undefined {
  if (!secret) return 'the connector has no webhook_secret, so no call can be verified';
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'the signature headers are missing';
  const sentAt = Date.parse(timestamp);
  if (Number.isNaN(sentAt) || Math.abs(now.getTime() - sentAt) > MAX_SKEW_MS) {
    return 'the signature timestamp is missing, unreadable or too far from now';
  }
  const expected = Buffer.from(zendeskSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return same ? undefined : 'the signature does not match';
}

const Id = z.union([z.string(), z.number()]).transform(String);

/** The parts of a Zendesk ticket event the bot reads (`zen:event-type:ticket.*`). */
const TicketEvent = z.object({
  type: z.string(),
  detail: z.object({ id: Id }),
  event: z.unknown(),
});

const CommentAdded = z.object({
  comment: z.object({
    id: Id,
    body: z.string(),
    is_public: z.boolean(),
    author: z.object({ id: Id, name: z.string().default('') }),
  }),
});
const StatusChanged = z.object({ current: z.string(), previous: z.string().optional() });

/**
 * What a verified Zendesk event asks of the bot: a comment added or a status changed; other
 * event types (and a body of another shape) are nothing.
 */
export function parseZendeskEvent(body: unknown): InboundEvent | null {
  const parsed = TicketEvent.safeParse(body);
  if (!parsed.success) return null;
  const { type, detail, event } = parsed.data;
  if (type === 'zen:event-type:ticket.comment_added') {
    const added = CommentAdded.safeParse(event);
    if (!added.success) return null;
    const { comment } = added.data;
    return {
      kind: 'comment',
      ticketId: detail.id,
      commentId: comment.id,
      body: comment.body,
      authorId: comment.author.id,
      authorName: comment.author.name,
      public: comment.is_public,
    };
  }
  if (type === 'zen:event-type:ticket.status_changed') {
    const changed = StatusChanged.safeParse(event);
    if (!changed.success) return null;
    return { kind: 'status', ticketId: detail.id, status: changed.data.current.toLowerCase() };
  }
  return null;
}
