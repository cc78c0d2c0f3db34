import { TRIAGE_CLEANUP, type TriageCleanupData } from '../../../jobs/triage-cleanup.js';
import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { slackErrorCode } from '../../slack/safe-call.js';
import { channelContext } from '../requests/context.js';
import type { RequestHooks } from '../requests/hooks.js';
import { RequestStore } from '../../db/repositories/requests.js';

/** When a closed request's triage card goes: `minutes` after it closed; null when off or not closed. */
export function cleanupDueAt(
  request: Pick<RequestDoc, 'status' | 'closedAt'>,
  minutes: number,
): Date | null {
  if (minutes <= 0 || request.status !== 'closed' || !request.closedAt) return null;
  return new Date(request.closedAt.getTime() + minutes * 60_000);
}

/**
 * Triage clean-up: closing schedules the card's deletion with the duration set at that moment;
 * reopening cancels it, so a reopened request keeps its card.
 */
export const cleanupHooks: RequestHooks = {
  async changed(deps, ctx, before, after) {
    const key = String(after._id);
    if (after.status === 'closed' && before.status !== 'closed') {
      const minutes = ctx.features.requests.config.delete_notification_from_triage_in_minutes;
      const at = cleanupDueAt(after, minutes);
      if (at) await deps.timers.schedule(TRIAGE_CLEANUP, key, at, { minutes });
    } else if (before.status === 'closed' && after.status !== 'closed') {
      await deps.timers.cancel(TRIAGE_CLEANUP, key);
    }
  },
};

/**
 * The due clean-up: when the request is still closed (the same close) and its card is still
 * there, the card is unlinked from the request (and marked deleted, so later updates such as
 * feedback do not post it again) and then deleted from Slack. Unlinking first means a reopening
 * racing with this gets a fresh card rather than none.
 */
export async function deleteTriageCard(deps: BotDeps, data: TriageCleanupData): Promise<void> {
  const request = await new RequestStore(deps.models).byId(data.key);
  const due = request && cleanupDueAt(request, data.minutes);
  if (!request || !due) return;
  const now = deps.clock.now();
  if (now < due) {
    await deps.timers.schedule(TRIAGE_CLEANUP, data.key, due, { minutes: data.minutes });
    return;
  }
  const { channelId, ts } = request.triage;
  if (!channelId || !ts) return;
  const client = await deps.slackFor(request.teamId);
  const ctx = await channelContext(deps, client, request.teamId, request.channelId);
  if (!ctx || ctx.features.requests.config.delete_notification_from_triage_in_minutes === 0) return; // turned off since it was scheduled
  // One conditional update: a transition racing with it either comes first (and this changes
  // nothing) or after (and finds the card unlinked, so a reopening posts a fresh one).
  const unlinked = await deps.models.requests.updateOne(
    { _id: request._id, status: 'closed', closedAt: request.closedAt, 'triage.ts': ts },
    {
      $set: { 'triage.ts': null, 'triage.claimedAt': null, 'triage.deletedAt': now },
      $push: { history: { at: now, type: 'triage_deleted', from: ts, to: null, by: 'bot' } },
    },
  );
  if (unlinked.modifiedCount !== 1) return;
  await client.chat.delete({ channel: channelId, ts }).catch((error: unknown) => {
    if (slackErrorCode(error) === 'message_not_found') return; // someone deleted it already
    deps.logger.warn(
      { step: 'triage_delete', requestId: data.key, slackError: slackErrorCode(error) },
      'Slack call failed',
    );
  });
}
