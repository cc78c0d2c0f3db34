import { claimOnce } from '../src/db/models/index.js';
import { RequestStore } from '../src/db/repositories/requests.js';
import type { BotDeps } from '../src/deps.js';
import type { JobDefinition } from '../src/scheduler/timers.js';
import { fireMinutesTimer } from '../src/services/timers/apply.js';
import { CUSTOMER_NUDGE_QUESTION, closeNudge, triageNudgeQuestion } from '../src/views/nudge.js';
import { CLOSE_NUDGE, MinutesTimerData } from '../src/timers/jobs.js';
import { NUDGE_TIMER, nudgePlan } from '../src/timers/nudge.js';

export { CLOSE_NUDGE };

/**
 * The due nudge: re-reads the request and posts "Is this resolved?" with Close / Keep open in the
 * customer's thread and (unless stop_nudge_for_triage_channel) the triage card's thread, once
 * per agent reply, whatever number of instances run the job.
 */
export async function sendCloseNudge(deps: BotDeps, data: MinutesTimerData): Promise<void> {
  const fired = await fireMinutesTimer(deps, NUDGE_TIMER, data);
  const answeredAt = fired?.request.lastAgentActivityAt;
  if (!fired || !answeredAt) return;
  const { request, now, slack, ctx } = fired;
  const stopForTriage = ctx.features.requests.config.stop_nudge_for_triage_channel;
  const plan = nudgePlan(data.key, { ...request, lastAgentActivityAt: answeredAt }, stopForTriage);
  if (!(await claimOnce(deps.models.claims, plan.claim, now))) return;

  const log = { step: 'close_nudge', requestId: data.key };
  const nudge = closeNudge(data.key, CUSTOMER_NUDGE_QUESTION);
  const where = { channel: request.channelId, thread_ts: request.rootTs };
  await slack.post({ ...where, ...nudge }, { bestEffort: log });
  if (plan.triage) {
    const { channelId: channel, ts: thread_ts } = plan.triage;
    const question = closeNudge(data.key, triageNudgeQuestion(request.requesterId, data.minutes));
    const bestEffort = { ...log, step: 'close_nudge_triage' };
    await slack.post({ channel, thread_ts, ...question }, { bestEffort });
  }
  await new RequestStore(deps.models).nudged(request._id, now);
}

/** "Is this resolved?" in an answered request's thread once nobody has written for a while. */
export const closeNudgeJob: JobDefinition<MinutesTimerData> = {
  name: CLOSE_NUDGE,
  data: MinutesTimerData,
  handle: (deps, data) => sendCloseNudge(deps, data),
};
