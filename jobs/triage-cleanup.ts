import type { RequestDoc } from '../src/db/models/index.js';
import { TriageCardStore } from '../src/db/repositories/triage-cards.js';
import type { BotDeps } from '../src/deps.js';
import type { JobDefinition } from '../src/scheduler/timers.js';
import { fireMinutesTimer } from '../src/services/timers/apply.js';
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
  const { request, now, slack } = fired;
  if (!(await new TriageCardStore(deps.models).unlink(request, card.ts, now))) return;
  // `message_not_found`: someone deleted it already.
  const bestEffort = { step: 'triage_delete', requestId: data.key };
  await slack.delete(card.channelId, card.ts, { expect: ['message_not_found'], bestEffort });
}

/** Deletes a closed request's triage card the configured time after it closed. */
export const triageCleanupJob: JobDefinition<MinutesTimerData> = {
  name: TRIAGE_CLEANUP,
  data: MinutesTimerData,
  handle: (deps, data) => deleteTriageCard(deps, data),
};
