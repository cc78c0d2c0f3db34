import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * Webhooks (issue 12, part 6): a workspace's subscriptions to conversation events, delivered
 * signed, retried with backoff and then marked failed. Pure: shapes, the retry schedule and
 * which addresses a webhook may not reach.
 */

/** Seed 003's event names this bot emits. */
export const WEBHOOK_EVENTS = [
  'conversation_created',
  'conversation_status_changed',
  'conversation_updated',
  'message_created',
  'message_updated',
] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** The most webhooks a workspace keeps. */
export const MAX_WEBHOOKS = 20;

/** An address a webhook (or a rule's `send_webhook_event`) may be given. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2_000, 'at most 2000 characters');

const Subscriptions = z
  .array(z.string())
  .min(1, 'subscribe to at least one event')
  .superRefine((names, ctx) => {
    const unknown = names.filter((name) => !(WEBHOOK_EVENTS as readonly string[]).includes(name));
    if (unknown.length === 0) return;
    ctx.addIssue({
      code: 'custom',
      message: `not an event this bot sends: ${unknown.join(', ')}; use ${WEBHOOK_EVENTS.join(', ')}`,
    });
  })
  .transform((names) => [...new Set(names)] as WebhookEvent[]);

/** `POST /api/v1/webhooks`. */
export const WebhookCreate = z
  .strictObject({ url: WebhookUrl, subscriptions: Subscriptions })
  .meta({ id: 'WebhookCreate' });
export type WebhookCreate = z.infer<typeof WebhookCreate>;

/** `PATCH|PUT /api/v1/webhooks/{id}`: either field or both. */
export const WebhookUpdate = z
  .strictObject({ url: WebhookUrl.optional(), subscriptions: Subscriptions.optional() })
  .refine((update) => Object.keys(update).length > 0, 'nothing to change')
  .meta({ id: 'WebhookUpdate' });
export type WebhookUpdate = z.infer<typeof WebhookUpdate>;

/** Minutes to wait after each failed attempt: 6 attempts over about 66 minutes, then failed. */
export const RETRY_DELAYS_MIN = [1, 5, 10, 20, 30] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MIN.length + 1;

/** What an attempt's outcome means for the delivery. */
export type AttemptOutcome =
  { kind: 'delivered' } | { kind: 'retry'; at: Date } | { kind: 'failed' };

/**
 * After attempt number `attempt` (1-based) answered `status` (undefined: no answer, a timeout
 * or a network error): delivered on 2xx; retried later on 5xx, 429, 408 or no answer while
 * attempts remain; failed otherwise (another 4xx will not change by retrying).
 */
export function attemptOutcome(attempt: number, status: number | undefined, now: Date) {
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'delivered' } as const;
  const retryable = status === undefined || status >= 500 || status === 429 || status === 408;
  const delay = RETRY_DELAYS_MIN[attempt - 1];
  if (!retryable || delay === undefined) return { kind: 'failed' } as const;
  return { kind: 'retry', at: new Date(now.getTime() + delay * 60_000) } as const;
}

/** Ranges a webhook may not reach unless private addresses are allowed. */
const BLOCKED_RANGES = new Set([
  'private',
  'loopback',
  'linkLocal',
  'uniqueLocal',
  'unspecified',
  'carrierGradeNat',
  'broadcast',
  'reserved',
]);

/** Whether `address` (IPv4 or IPv6, IPv4-mapped included) is private, loopback, link-local, … */
export function isBlockedAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return BLOCKED_RANGES.has(parsed.range());
}
