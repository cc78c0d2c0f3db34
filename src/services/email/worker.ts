import { EmailOutbox } from '../../db/repositories/email-outbox.js';
import type { RequestDoc } from '../../db/models/index.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { queueReply, sendDueEmails } from './outbound.js';

/** How often each instance looks for replies a crash left unqueued. */
export const SWEEP_MS = 60_000;
/** How far back it looks: longer than any outage a reply should still be sent after. */
const SWEEP_WINDOW_MS = 6 * 3_600_000;

/**
 * Queues the public agent replies of e-mail requests that were stored but never queued (the
 * instance died between storing a reply and its `messageCreated` hook): the same `queueReply`,
 * keyed by the message's id, so a reply queued meanwhile by its hook is not queued twice.
 * Returns how many it queued. `opened`: only the request whose e-mail thread was just opened,
 * whose replies made while it was opening (a rule's `send_message`) no hook could queue yet.
 */
export async function requeueLostReplies(
  deps: BotDeps,
  opened?: RequestDoc['_id'],
): Promise<number> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - SWEEP_WINDOW_MS);
  const lost = await new EmailOutbox(deps.models).unqueuedReplies(since, now, opened);
  const requests = new RequestStore(deps.models);
  let queued = 0;
  for (const message of lost) {
    const request = await requests.byId(String(message.requestId));
    if (!request) continue;
    const features = await deps.settings.effective(request.teamId, request.channelId);
    if (!(await queueReply(deps, features, request, message))) continue;
    queued += 1;
    if (opened) continue;
    deps.logger.warn(
      { messageId: String(message._id), requestId: String(request._id) },
      'e-mail reply queued by the sweep: it was stored but not queued (an interrupted instance?)',
    );
  }
  return queued;
}

/**
 * Each instance's loop: every `EMAIL_POLL_MS`, send what is due (a poll still running skips the
 * next), and every `SWEEP_MS` of the bot's clock (and at start) queue what a crash left
 * unqueued first. Returns the stop, which waits for the poll under way.
 */
export function startEmailWorker(deps: BotDeps): () => Promise<void> {
  let running: Promise<void> | undefined;
  let swept: number | undefined;
  const sweep = async () => {
    const now = deps.clock.now().getTime();
    if (swept !== undefined && now - swept < SWEEP_MS) return;
    swept = now;
    await requeueLostReplies(deps);
  };
  const poll = () =>
    sweep()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'e-mail sweep failed'))
      .then(() => sendDueEmails(deps))
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'e-mail poll failed'));
  const timer = setInterval(() => {
    running ??= poll().finally(() => (running = undefined));
  }, deps.env.EMAIL_POLL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
