import { claimOnce } from '../src/db/models/index.js';
import type { BotDeps } from '../src/deps.js';
import type { JobDefinition } from '../src/scheduler/timers.js';
import { fireMinutesTimer } from '../src/services/timers/apply.js';
import { CUSTOMER_NUDGE_QUESTION, closeNudge, triageNudgeQuestion } from '../src/views/nudge.js';
import { bestEffort } from '../src/slack/safe-call.js';
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
  const { request, now, client, ctx } = fired;
  const stopForTriage = ctx.features.requests.config.stop_nudge_for_triage_channel;
  const plan = nudgePlan(data.key, { ...request, lastAgentActivityAt: answeredAt }, stopForTriage);
  if (!(await claimOnce(deps.models.claims, plan.claim, now))) return;

  const log = { step: 'close_nudge', requestId: data.key };
  await bestEffort(deps.logger, log, () =>
    client.chat.postMessage({
      channel: request.channelId,
      thread_ts: request.rootTs,
      ...closeNudge(data.key, CUSTOMER_NUDGE_QUESTION),
    }),
  );
  if (plan.triage) {
    const { channelId, ts } = plan.triage;
    const question = triageNudgeQuestion(request.requesterId, data.minutes);
    await bestEffort(deps.logger, { ...log, step: 'close_nudge_triage' }, () =>
      client.chat.postMessage({
        channel: channelId,
        thread_ts: ts,
        ...closeNudge(data.key, question),
      }),
    );
  }
  await deps.models.requests.updateOne(
    { _id: request._id },
    {
      $set: { nudgedAt: now },
      $push: { history: { at: now, type: 'nudge', from: null, to: null, by: 'bot' } },
    },
  );
}

/** "Is this resolved?" in an answered request's thread once nobody has written for a while. */
export const closeNudgeJob: JobDefinition<MinutesTimerData> = {
  name: CLOSE_NUDGE,
  data: MinutesTimerData,
  handle: (deps, data) => sendCloseNudge(deps, data),
};
