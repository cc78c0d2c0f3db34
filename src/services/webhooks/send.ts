import { createHmac } from 'node:crypto';
import PQueue from 'p-queue';
import type { WebhookDeliveryDoc, WebhookDoc } from '../../db/models/index.js';
import { WebhookOutbox, type Settled } from '../../db/repositories/webhook-outbox.js';
import { WebhookStore } from '../../db/repositories/webhooks.js';
import type { BotDeps } from '../../deps.js';
import { attemptOutcome } from '../../desk/webhook.js';
import { revealSecret } from '../../settings/secrets.js';
import { refusedUrl } from './address.js';
import { unixSeconds } from '../../clock.js';

/** Deliveries one instance leases at a time. */
export const SEND_BATCH = 50;
/** Deliveries of a batch in flight at once (a slow receiver holds up only its own). */
const IN_FLIGHT = 8;
/** How long a receiver has to answer before the attempt counts as a timeout. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** `X-Triage-Signature`'s value: `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signature(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/** Where a delivery goes and the secret it is signed with, or why it cannot be sent. */
type Target = { url: string; secret: string | null } | string;

/**
 * Sends a batch of due deliveries under one lease. `full`: a whole batch was due, so more may be.
 */
export async function sendDue(deps: BotDeps): Promise<{ sent: number; full: boolean }> {
  const leased = await new WebhookOutbox(deps.models).lease(deps.clock.now(), SEND_BATCH);
  await sendLeased(deps, leased);
  return { sent: leased.length, full: leased.length === SEND_BATCH };
}

/**
 * Sends deliveries this instance holds the lease of: the webhooks read once, each address
 * checked once, up to `IN_FLIGHT` posts at a time, every outcome recorded together. Those
 * delivered are recorded as delivered when the batch is done (`deliveredAt`), so a batch that
 * all went through is one update.
 */
export async function sendLeased(deps: BotDeps, leased: WebhookDeliveryDoc[]): Promise<void> {
  if (leased.length === 0) return;
  const targetOf = await targets(deps, leased);
  const queue = new PQueue({ concurrency: IN_FLIGHT });
  const settled = await Promise.all(
    leased.map((delivery) =>
      queue.add(async () => attempt(deps, delivery, await targetOf(delivery))),
    ),
  );
  const at = deps.clock.now();
  await new WebhookOutbox(deps.models).settle(
    settled.map(({ delivery, outcome }) => ({
      delivery,
      outcome: outcome.status === 'delivered' ? { ...outcome, deliveredAt: at } : outcome,
    })),
  );
}

/**
 * Each delivery's target: its webhook's URL and secret, or the address of a rule's
 * `send_webhook_event` (unsigned). Webhooks are read in one call; an address is checked once.
 */
async function targets(deps: BotDeps, deliveries: readonly WebhookDeliveryDoc[]) {
  const ids = deliveries.filter((d) => d.url === null).map((d) => d.webhookId);
  const hooks = new Map<string, WebhookDoc>();
  for (const hook of await new WebhookStore(deps.models).byIds(ids))
    hooks.set(String(hook._id), hook);
  const checked = new Map<string, Promise<string | undefined>>();
  const refused = (url: string) => {
    if (!checked.has(url)) checked.set(url, refusedUrl(url, deps.env.WEBHOOK_ALLOW_PRIVATE));
    return checked.get(url) as Promise<string | undefined>;
  };
  // Each webhook's target worked out once for the batch (its secret revealed once).
  const ofHook = new Map<string, Promise<Target>>();
  const hookTarget = async (webhook: WebhookDoc): Promise<Target> => {
    const why = await refused(webhook.url);
    if (why) return why;
    try {
      return {
        url: webhook.url,
        secret: revealSecret(webhook.secret, deps.env.SETTINGS_ENCRYPTION_KEY),
      };
    } catch (error) {
      return (error as Error).message;
    }
  };
  return async (delivery: WebhookDeliveryDoc): Promise<Target> => {
    if (delivery.url !== null) {
      return (await refused(delivery.url)) ?? { url: delivery.url, secret: null };
    }
    const webhook = hooks.get(delivery.webhookId);
    if (!webhook) return 'the webhook was deleted';
    if (!ofHook.has(delivery.webhookId)) ofHook.set(delivery.webhookId, hookTarget(webhook));
    return ofHook.get(delivery.webhookId) as Promise<Target>;
  };
}

/** One attempt: POST the body (signed with the webhook's secret); what it means for the delivery. */
async function attempt(
  deps: BotDeps,
  delivery: WebhookDeliveryDoc,
  target: Target,
): Promise<Settled> {
  if (typeof target === 'string') return { delivery, outcome: fail(target) };
  const now = deps.clock.now();
  const signed = target.secret && signature(target.secret, unixSeconds(now), delivery.body);
  const { status, error } = await post(target.url, delivery, signed);
  // The backoff counts from when the attempt began.
  const outcome = attemptOutcome(delivery.attempts, status, now);
  const log = { webhookId: delivery.webhookId, id: delivery.eventId, attempt: delivery.attempts };
  if (outcome.kind !== 'delivered')
    deps.logger.warn({ ...log, status, error }, 'webhook attempt failed');
  return {
    delivery,
    outcome: {
      status: outcome.kind === 'retry' ? 'pending' : outcome.kind,
      statusCode: status ?? null,
      error: error ?? null,
      ...(outcome.kind === 'retry' ? { nextAttemptAt: outcome.at } : {}),
    },
  };
}

async function post(url: string, delivery: WebhookDeliveryDoc, signed: string | null) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'slack-triage-bot-webhooks',
        'x-triage-event': delivery.event,
        'x-triage-delivery': delivery.eventId,
        ...(signed ? { 'x-triage-signature': signed } : {}),
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, error: ok ? undefined : `HTTP ${response.status}` };
  } catch (error) {
    const timeout = (error as Error).name === 'TimeoutError';
    return { status: undefined, error: timeout ? 'timed out' : String((error as Error).message) };
  }
}

const fail = (error: string) => ({ status: 'failed' as const, statusCode: null, error });
