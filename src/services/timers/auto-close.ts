import { AUTO_CLOSE, type AutoCloseData } from '../../../jobs/auto-close.js';
import { claimOnce, type RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import { formatMinutes } from '../../slack/blocks/nudge.js';
import { bestEffort } from '../../slack/safe-call.js';
import { applyRequestCommand } from '../requests/actions.js';
import { channelContext, type ChannelContext } from '../requests/context.js';
import type { RequestHooks } from '../requests/hooks.js';
import { RequestStore } from '../../db/repositories/requests.js';

type QuietFacts = Pick<RequestDoc, 'status' | 'lastCustomerActivityAt' | 'history'>;

/**
 * Since when the customer has been quiet: their last message, or the request's last (re)opening
 * when that is later, so an agent reopening an old request does not see it closed at once.
 */
export function quietSince(request: Pick<RequestDoc, 'lastCustomerActivityAt' | 'history'>): Date {
  let since = request.lastCustomerActivityAt.getTime();
  for (const entry of request.history) {
    if (entry.type === 'status' && entry.to === 'open') since = Math.max(since, entry.at.getTime());
  }
  return new Date(since);
}

/** When a live request closes itself: `minutes` after the customer went quiet; null when off or not live. */
export function autoCloseDueAt(request: QuietFacts, minutes: number): Date | null {
  if (minutes <= 0 || !LIVE_STATUSES.includes(request.status)) return null;
  return new Date(quietSince(request).getTime() + minutes * 60_000);
}

const autoCloseMinutes = (ctx: ChannelContext) =>
  ctx.features.requests.config.auto_close_duration_in_minutes;

/** Schedules (or moves) the request's close; false when auto-close is off or it is not live. */
async function scheduleClose(deps: BotDeps, ctx: ChannelContext, request: RequestDoc) {
  const minutes = autoCloseMinutes(ctx);
  const at = autoCloseDueAt(request, minutes);
  if (at) await deps.timers.schedule(AUTO_CLOSE, String(request._id), at, { minutes });
  return at !== null;
}

async function reschedule(deps: BotDeps, ctx: ChannelContext, request: RequestDoc) {
  if (!(await scheduleClose(deps, ctx, request))) {
    await deps.timers.cancel(AUTO_CLOSE, String(request._id));
  }
}

/**
 * Auto-close: opening, every customer message and a reopening (re)schedule the request's close
 * with the duration set at that moment; a close or a discard cancels it.
 */
export const autoCloseHooks: RequestHooks = {
  async created(deps, ctx, request) {
    // A new request has no close pending, so there is nothing to cancel when auto-close is off.
    await scheduleClose(deps, ctx, request);
  },
  async customerWrote(deps, ctx, request) {
    await reschedule(deps, ctx, request);
  },
  async changed(deps, ctx, before, after) {
    const wasLive = LIVE_STATUSES.includes(before.status);
    const isLive = LIVE_STATUSES.includes(after.status);
    if (wasLive && !isLive) await deps.timers.cancel(AUTO_CLOSE, String(after._id));
    else if (!wasLive && isLive) await reschedule(deps, ctx, after);
  },
};

/**
 * The due close: re-reads the request; when the customer wrote since it was scheduled it moves
 * itself to the new time, otherwise it closes the request as the bot would from the triage
 * card (card, status mark, thread update) and says why in the thread, once.
 */
export async function autoClose(deps: BotDeps, data: AutoCloseData): Promise<void> {
  const request = await new RequestStore(deps.models).byId(data.key);
  const due = request && autoCloseDueAt(request, data.minutes);
  if (!request || !due) return;
  const now = deps.clock.now();
  if (now < due) {
    await deps.timers.schedule(AUTO_CLOSE, data.key, due, { minutes: data.minutes });
    return;
  }
  const client = await deps.slackFor(request.teamId);
  const ctx = await channelContext(deps, client, request.teamId, request.channelId);
  if (!ctx || autoCloseMinutes(ctx) === 0) return; // turned off since it was scheduled
  const command = { kind: 'status', to: 'closed' } as const;
  if (await applyRequestCommand(deps, client, { id: data.key }, command, 'bot')) return;
  const claim = `auto-close:${data.key}:${quietSince(request).toISOString()}`;
  if (!(await claimOnce(deps.models.claims, claim, now))) return;
  await bestEffort(deps.logger, { step: 'auto_close_note', requestId: data.key }, () =>
    client.chat.postMessage({
      channel: request.channelId,
      thread_ts: request.rootTs,
      text: `Closed automatically after ${formatMinutes(data.minutes)} without a reply.`,
    }),
  );
}
