import { createHmac } from 'node:crypto';
import type { RequestDoc, WebhookDeliveryDoc, WebhookDoc } from '../../db/models/index.js';
import { WebhookOutbox, type NewDelivery } from '../../db/repositories/webhook-outbox.js';
import { WebhookStore } from '../../db/repositories/webhooks.js';
import type { BotDeps } from '../../deps.js';
import { attemptOutcome } from '../../desk/webhook.js';
import { revealSecret } from '../../settings/secrets.js';
import { refusedUrl } from './address.js';
import { eventBodies } from './bodies.js';

/** Requests drained per poll, and deliveries sent per poll by one instance. */
const BATCH = 100;
/** How long a receiver has to answer before the attempt counts as a timeout. */
export const DELIVERY_TIMEOUT_MS = 10_000;

const unix = (at: Date) => Math.floor(at.getTime() / 1000);

/** `X-Triage-Signature`'s value: `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signature(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * Moves events from the requests' outboxes into one delivery per subscribed webhook, with the
 * conversation as stored now, then takes them off the requests. Returns how many it stored.
 */
export async function drainOutbox(deps: BotDeps): Promise<number> {
  const outbox = new WebhookOutbox(deps.models);
  const requests = await outbox.waiting(BATCH);
  if (requests.length === 0) return 0;
  const teamIds = [...new Set(requests.map((r) => r.teamId))];
  const webhooks = await new WebhookStore(deps.models).ofTeams(teamIds);
  const deliveries: NewDelivery[] = [];
  for (const teamId of teamIds) {
    const hooks = webhooks.filter((w) => w.teamId === teamId);
    if (hooks.length > 0) {
      const ofTeam = requests.filter((r) => r.teamId === teamId);
      deliveries.push(...(await deliveriesOf(deps, teamId, ofTeam, hooks)));
    }
  }
  await outbox.store(deliveries);
  await outbox.pull(requests);
  return deliveries.length;
}

async function deliveriesOf(
  deps: BotDeps,
  teamId: string,
  requests: RequestDoc[],
  hooks: WebhookDoc[],
): Promise<NewDelivery[]> {
  const bodies = await eventBodies(deps, teamId, requests);
  const now = deps.clock.now();
  return requests.flatMap((request) =>
    request.webhookEvents.flatMap((event) =>
      hooks
        .filter((hook) => hook.subscriptions.includes(event.event))
        .map((hook) => ({
          teamId,
          webhookId: String(hook._id),
          eventId: event.id,
          event: event.event,
          body: bodies.get(event.id) as string,
          nextAttemptAt: now,
        })),
    ),
  );
}

/** Sends deliveries that are due, each under a lease, until none is left or a batch went. */
export async function sendDue(deps: BotDeps): Promise<number> {
  const outbox = new WebhookOutbox(deps.models);
  let sent = 0;
  for (; sent < BATCH; sent++) {
    const delivery = await outbox.lease(deps.clock.now());
    if (!delivery) break;
    await attempt(deps, outbox, delivery);
  }
  return sent;
}

/**
 * Where a delivery goes and the secret it is signed with: its webhook's, or the address of a
 * rule's `send_webhook_event` (unsigned). A string says why it cannot be sent.
 */
async function targetOf(
  deps: BotDeps,
  delivery: WebhookDeliveryDoc,
): Promise<{ url: string; secret: string | null } | string> {
  if (delivery.url !== null) {
    return (
      (await refusedUrl(delivery.url, deps.env.WEBHOOK_ALLOW_PRIVATE)) ?? {
        url: delivery.url,
        secret: null,
      }
    );
  }
  const webhook = await new WebhookStore(deps.models).byId(delivery.webhookId);
  if (!webhook) return 'the webhook was deleted';
  const refused = await refusedUrl(webhook.url, deps.env.WEBHOOK_ALLOW_PRIVATE);
  if (refused) return refused;
  try {
    return {
      url: webhook.url,
      secret: revealSecret(webhook.secret, deps.env.SETTINGS_ENCRYPTION_KEY),
    };
  } catch (error) {
    return (error as Error).message;
  }
}

/** One attempt: POST the body (signed with the webhook's secret), then record what it means. */
async function attempt(deps: BotDeps, outbox: WebhookOutbox, delivery: WebhookDeliveryDoc) {
  const target = await targetOf(deps, delivery);
  if (typeof target === 'string') {
    await outbox.settle(delivery, fail(target));
    return;
  }
  const now = deps.clock.now();
  const signed = target.secret && signature(target.secret, unix(now), delivery.body);
  const { status, error } = await post(target.url, delivery, signed);
  // The backoff counts from when the attempt began.
  const outcome = attemptOutcome(delivery.attempts, status, now);
  const log = { webhookId: delivery.webhookId, id: delivery.eventId, attempt: delivery.attempts };
  if (outcome.kind !== 'delivered')
    deps.logger.warn({ ...log, status, error }, 'webhook attempt failed');
  await outbox.settle(delivery, {
    status: outcome.kind === 'retry' ? 'pending' : outcome.kind,
    statusCode: status ?? null,
    error: error ?? null,
    ...(outcome.kind === 'retry' ? { nextAttemptAt: outcome.at } : {}),
    ...(outcome.kind === 'delivered' ? { deliveredAt: deps.clock.now() } : {}),
  });
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

/**
 * Each instance's loop: every `WEBHOOK_POLL_MS`, drain the outbox and send what is due (a poll
 * still running skips the next). Returns the stop, which waits for the poll under way.
 */
export function startWebhookWorker(deps: BotDeps): () => Promise<void> {
  let running: Promise<void> | undefined;
  const poll = async () => {
    try {
      await drainOutbox(deps);
      await sendDue(deps);
    } catch (error) {
      deps.logger.warn({ err: error }, 'webhook poll failed');
    }
  };
  const timer = setInterval(() => {
    running ??= poll().finally(() => (running = undefined));
  }, deps.env.WEBHOOK_POLL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
