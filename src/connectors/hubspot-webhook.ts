import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * HubSpot's webhooks (an app's subscriptions, e.g. `ticket.propertyChange` on
 * `hs_pipeline_stage`): signed v3, `X-HubSpot-Signature-v3` being the base64 HMAC-SHA256, with
 * the app's client secret, of method + full URI + body + `X-HubSpot-Request-Timestamp`
 * (milliseconds); a timestamp older than five minutes is refused (a replay).
 */

export const HUBSPOT_SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';

/** How old a signed timestamp may be (HubSpot's own advice). */
export const HUBSPOT_MAX_AGE_MS = 5 * 60_000;

/** The v3 signature HubSpot sends for a call. */
export function hubspotSignature(
  secret: string,
  call: { method: string; uri: string; body: string; timestamp: string },
): string {
  return createHmac('sha256', secret)
    .update(`${call.method}${call.uri}${call.body}${call.timestamp}`)
    .digest('base64');
}

/**
 * Why a webhook call is refused, or undefined when it is HubSpot's: the app's signature over
 * this method, URI, body and timestamp (compared in constant time), and a recent timestamp.
 */
export function refuseHubspotCall(
  secret: string | undefined,
  call: {
    method: string;
    uri: string;
    body: string;
    signature?: string | undefined;
    timestamp?: string | undefined;
  },
  now: Date,
): string | undefined {
  if (!secret) return 'the connector has no client_secret, so no call can be verified';
  if (!call.signature || !call.timestamp) return 'the signature or timestamp header is missing';
  const sent = Number(call.timestamp);
  if (!Number.isFinite(sent)) return 'the timestamp is not a number of milliseconds';
  if (now.getTime() - sent > HUBSPOT_MAX_AGE_MS) return 'the timestamp is older than 5 minutes';
  const expected = Buffer.from(hubspotSignature(secret, { ...call, timestamp: call.timestamp }));
  const given = Buffer.from(call.signature);
  const same = expected.length === given.length && timingSafeEqual(expected, given);
  return same ? undefined : 'the signature does not match';
}

const Event = z.looseObject({
  subscriptionType: z.string(),
  objectId: z.union([z.number(), z.string()]).transform(String),
  propertyName: z.string().optional(),
});

/** The tickets whose pipeline stage a (batched) webhook call says changed, each once. */
export function changedTicketIds(body: unknown): string[] {
  const events = z.array(z.unknown()).safeParse(body);
  if (!events.success) return [];
  const ids = events.data.flatMap((raw) => {
    const event = Event.safeParse(raw);
    if (!event.success) return [];
    const { subscriptionType, propertyName, objectId } = event.data;
    const moved =
      subscriptionType === 'ticket.propertyChange' && propertyName === 'hs_pipeline_stage';
    return moved ? [objectId] : [];
  });
  return [...new Set(ids)];
}
