import type { RequestDoc } from '../src/db/models/index.js';
import type { BotDeps } from '../src/deps.js';
import type { JobDefinition } from '../src/scheduler/timers.js';
import { fireMinutesTimer } from '../src/services/timers/apply.js';
import { slackErrorCode } from '../src/slack/safe-call.js';
import { CLEANUP_TIMER, cleanupTarget } from '../src/timers/cleanup.js';
import { MinutesTimerData, TRIAGE_CLEANUP } from '../src/timers/jobs.js';

export { TRIAGE_CLEANUP };

/**
 * The due clean-up: when the request is still closed (the same close) and its card is still
 * there, the card is unlinked from the request (and marked deleted, so later updates such as
 * feedback do not post it again) and then deleted from Slack. Unlinking first means a reopening
 * racing with this gets a fresh card rather than none.
 */
export async function deleteTriageCard(deps: BotDeps, data: MinutesTimerData): Promise<void> {
  const hasCard = (request: RequestDoc) => cleanupTarget(request) !== null;
  const fired = await fireMinutesTimer(deps, CLEANUP_TIMER, data, hasCard);
  const card = fired && cleanupTarget(fired.request);
  if (!fired || !card) return;
  const { request, now, client } = fired;
  // One conditional update: a transition racing with it either comes first (and this changes
  // nothing) or after (and finds the card unlinked, so a reopening posts a fresh one).
  const unlinked = await deps.models.requests.updateOne(
    { _id: request._id, status: 'closed', closedAt: request.closedAt, 'triage.ts': card.ts },
    {
      $set: { 'triage.ts': null, 'triage.claimedAt': null, 'triage.deletedAt': now },
      $push: { history: { at: now, type: 'triage_deleted', from: card.ts, to: null, by: 'bot' } },
    },
  );
  if (unlinked.modifiedCount !== 1) return;
  await client.chat.delete({ channel: card.channelId, ts: card.ts }).catch((error: unknown) => {
    if (slackErrorCode(error) === 'message_not_found') return; // someone deleted it already
    deps.logger.warn(
      { step: 'triage_delete', requestId: data.key, slackError: slackErrorCode(error) },
      'Slack call failed',
    );
  });
}

/** Deletes a closed request's triage card the configured time after it closed. */
export const triageCleanupJob: JobDefinition<MinutesTimerData> = {
  name: TRIAGE_CLEANUP,
  data: MinutesTimerData,
  handle: (deps, data) => deleteTriageCard(deps, data),
};
