import type { RequestDoc, WebhookDoc } from '../../db/models/index.js';
import { WebhookOutbox, type NewDelivery } from '../../db/repositories/webhook-outbox.js';
import { WebhookStore } from '../../db/repositories/webhooks.js';
import type { BotDeps } from '../../deps.js';
import { eventBodies } from './bodies.js';
import { sendDue, sendLeased } from './send.js';

export { signature } from './send.js';

/** Requests drained per call. */
const BATCH = 100;

/**
 * Moves events from up to a batch of requests' outboxes into one delivery per subscribed
 * webhook, with the conversation as stored now, takes them off the requests, then makes the
 * first attempt of the deliveries it stored (stored leased to this instance: a crash before the
 * attempt leaves them to `sendDue` once the lease runs out). Returns how many requests it drained.
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
  const leased = await outbox.storeLeased(deliveries, deps.clock.now());
  await outbox.pull(requests);
  await sendLeased(deps, leased);
  return requests.length;
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

/**
 * Each instance's loop: every `WEBHOOK_POLL_MS`, drain the outbox and send what is due, batch
 * after batch until nothing is left (a poll still running skips the next). Returns the stop,
 * which waits for the poll under way.
 */
export function startWebhookWorker(deps: BotDeps): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopping = false;
  const poll = async () => {
    try {
      let more = true;
      while (more && !stopping) more = (await drainOutbox(deps)) === BATCH;
      more = true;
      while (more && !stopping) more = (await sendDue(deps)).full;
    } catch (error) {
      deps.logger.warn({ err: error }, 'webhook poll failed');
    }
  };
  const timer = setInterval(() => {
    running ??= poll().finally(() => (running = undefined));
  }, deps.env.WEBHOOK_POLL_MS);
  timer.unref();
  return async () => {
    stopping = true;
    clearInterval(timer);
    await running;
  };
}
