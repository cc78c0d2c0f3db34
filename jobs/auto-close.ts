import { claimOnce } from '../src/db/models/index.js';
import type { BotDeps } from '../src/deps.js';
import type { JobDefinition } from '../src/scheduler/timers.js';
import { applyRequestCommand } from '../src/services/requests/actions.js';
import { fireMinutesTimer } from '../src/services/timers/apply.js';
import { formatMinutes } from '../src/views/nudge.js';
import { AUTO_CLOSE_TIMER, autoCloseClaim } from '../src/timers/auto-close.js';
import { AUTO_CLOSE, MinutesTimerData } from '../src/timers/jobs.js';

export { AUTO_CLOSE };

/**
 * The due close: re-reads the request; when the customer wrote since it was scheduled it moves
 * itself to the new time, otherwise it closes the request as the bot would from the triage
 * card (card, status mark, thread update) and says why in the thread, once.
 */
export async function autoClose(deps: BotDeps, data: MinutesTimerData): Promise<void> {
  const fired = await fireMinutesTimer(deps, AUTO_CLOSE_TIMER, data);
  if (!fired) return;
  const { request, now, slack } = fired;
  const command = { kind: 'status', to: 'closed' } as const;
  if (await applyRequestCommand(deps, slack, { id: data.key }, command, 'bot')) return;
  if (!(await claimOnce(deps.models.claims, autoCloseClaim(data.key, request), now))) return;
  const text = `Closed automatically after ${formatMinutes(data.minutes)} without a reply.`;
  await slack.post(
    { channel: request.channelId, thread_ts: request.rootTs, text },
    { bestEffort: { step: 'auto_close_note', requestId: data.key } },
  );
}

/** Closes a live request the customer has not written in for the configured time. */
export const autoCloseJob: JobDefinition<MinutesTimerData> = {
  name: AUTO_CLOSE,
  data: MinutesTimerData,
  handle: (deps, data) => autoClose(deps, data),
};
