import { CLOSE_NUDGE, type CloseNudgeData } from '../../../jobs/close-nudge.js';
import { claimOnce, type RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { LIVE_STATUSES, STATUS_LABEL } from '../../requests/lifecycle.js';
import {
  CUSTOMER_NUDGE_QUESTION,
  closeNudge,
  triageNudgeQuestion,
} from '../../slack/blocks/nudge.js';
import { bestEffort } from '../../slack/safe-call.js';
import { channelContext, type ChannelContext } from '../requests/context.js';
import type { RequestHooks } from '../requests/hooks.js';
import { RequestStore } from '../../db/repositories/requests.js';

// This module must not import requests/actions or requests/effects: they import the hook
// registry, which imports this module (an import cycle that would leave `nudgeHooks` undefined).

type NudgeFacts = Pick<RequestDoc, 'status' | 'lastCustomerActivityAt' | 'lastAgentActivityAt'>;

/**
 * When the close nudge of a request falls due: `minutes` after the last agent reply, for a live
 * request whose customer has not written since ("answered and quiet"); null when there is
 * nothing to nudge about (not answered, the customer wrote last, not live, or nudges are off).
 */
export function nudgeDueAt(request: NudgeFacts, minutes: number): Date | null {
  const answeredAt = request.lastAgentActivityAt;
  if (minutes <= 0 || !answeredAt || !LIVE_STATUSES.includes(request.status)) return null;
  if (request.lastCustomerActivityAt.getTime() > answeredAt.getTime()) return null;
  return new Date(answeredAt.getTime() + minutes * 60_000);
}

const nudgeMinutes = (ctx: ChannelContext) =>
  ctx.features.requests.config.close_nudge_duration_in_minutes;

/**
 * Close nudges: every agent reply (re)schedules the request's nudge with the duration set at
 * that moment; a customer message, a close or a discard cancels it.
 */
export const nudgeHooks: RequestHooks = {
  async agentReplied(deps, ctx, request) {
    const minutes = nudgeMinutes(ctx);
    const at = nudgeDueAt(request, minutes);
    if (at) await deps.timers.schedule(CLOSE_NUDGE, String(request._id), at, { minutes });
    else await deps.timers.cancel(CLOSE_NUDGE, String(request._id));
  },
  async customerWrote(deps, _ctx, request) {
    await deps.timers.cancel(CLOSE_NUDGE, String(request._id));
  },
  async changed(deps, _ctx, before, after) {
    if (LIVE_STATUSES.includes(before.status) && !LIVE_STATUSES.includes(after.status))
      await deps.timers.cancel(CLOSE_NUDGE, String(after._id));
  },
};

/**
 * The due nudge: re-reads the request and posts "Is this resolved?" with Close / Keep open in the
 * customer's thread and (unless stop_nudge_for_triage_channel) the triage card's thread, once
 * per agent reply, whatever number of instances run the job.
 */
export async function sendCloseNudge(deps: BotDeps, data: CloseNudgeData): Promise<void> {
  const request = await new RequestStore(deps.models).byId(data.key);
  const due = request && nudgeDueAt(request, data.minutes);
  if (!request?.lastAgentActivityAt || !due) return;
  const now = deps.clock.now();
  if (now < due) {
    await deps.timers.schedule(CLOSE_NUDGE, data.key, due, { minutes: data.minutes });
    return;
  }
  const client = await deps.slackFor(request.teamId);
  const ctx = await channelContext(deps, client, request.teamId, request.channelId);
  if (!ctx || nudgeMinutes(ctx) === 0) return; // turned off since it was scheduled
  const claim = `nudge:${data.key}:${request.lastAgentActivityAt.toISOString()}`;
  if (!(await claimOnce(deps.models.claims, claim, now))) return;

  const log = { step: 'close_nudge', requestId: data.key };
  await bestEffort(deps.logger, log, () =>
    client.chat.postMessage({
      channel: request.channelId,
      thread_ts: request.rootTs,
      ...closeNudge(data.key, CUSTOMER_NUDGE_QUESTION),
    }),
  );
  const { channelId: triageChannel, ts: cardTs } = request.triage;
  if (!ctx.features.requests.config.stop_nudge_for_triage_channel && triageChannel && cardTs) {
    const question = triageNudgeQuestion(request.requesterId, data.minutes);
    await bestEffort(deps.logger, { ...log, step: 'close_nudge_triage' }, () =>
      client.chat.postMessage({
        channel: triageChannel,
        thread_ts: cardTs,
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

/**
 * "Keep open" on a nudge: the request stays as it is (noted in its history). Returns a sentence
 * for the clicker when the request is gone or no longer live.
 */
export async function keepOpen(
  deps: BotDeps,
  requestId: string,
  userId: string,
): Promise<string | undefined> {
  const request = /^[0-9a-f]{24}$/.test(requestId)
    ? await new RequestStore(deps.models).byId(requestId)
    : null;
  if (!request) return 'That request no longer exists.';
  if (!LIVE_STATUSES.includes(request.status))
    return `This request is already ${STATUS_LABEL[request.status].toLowerCase()}.`;
  await deps.models.requests.updateOne(
    { _id: request._id },
    {
      $push: {
        history: {
          at: deps.clock.now(),
          type: 'nudge_kept_open',
          from: null,
          to: null,
          by: userId,
        },
      },
    },
  );
  return undefined;
}
