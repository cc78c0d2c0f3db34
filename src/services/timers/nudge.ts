import type { BotDeps } from '../../deps.js';
import { keepOpenRefusal, NUDGE_TIMER } from '../../timers/nudge.js';
import { minutesTimerHooks } from './apply.js';
import { RequestStore } from '../../db/repositories/requests.js';

/**
 * Close nudges (rules in `src/timers/nudge.ts`): every agent reply (re)schedules the request's
 * nudge; a customer message, a close or a discard cancels it. The nudge itself is
 * `jobs/close-nudge.ts`.
 */
export const nudgeHooks = minutesTimerHooks(NUDGE_TIMER);

/**
 * "Keep open" on a nudge: the request stays as it is (noted in its history). Returns a sentence
 * for the clicker when the request is gone or no longer live.
 */
export async function keepOpen(
  deps: Pick<BotDeps, 'models' | 'clock'>,
  requestId: string,
  userId: string,
): Promise<string | undefined> {
  const store = new RequestStore(deps.models);
  const request = await store.byKey(requestId);
  const refusal = keepOpenRefusal(request);
  if (refusal || !request) return refusal;
  const entry = { at: deps.clock.now(), type: 'nudge_kept_open', from: null, to: null, by: userId };
  await store.note(request._id, entry);
  return undefined;
}
