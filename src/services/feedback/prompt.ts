import { claimOnce, releaseClaim, type RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { feedbackAskKey, ticketFeedbackAskKey } from '../../feedback/feedback.js';
import { isEmailRequester } from '../../text/mrkdwn.js';
import { askByEmail } from '../email/csat.js';
import { feedbackPrompt } from '../../views/feedback.js';
import type { ChannelContext } from '../requests/context.js';
import type { RequestHooks } from '../requests/hooks.js';

/**
 * CSAT on close (`send_feedback`): when a request becomes closed, the requester is asked
 * `feedback_message` with rating buttons (`feedback_rating`), in the request's thread or, with
 * `send_feedback_as_ephemeral`, as an ephemeral only they see in that thread. Asked once per
 * close (a claim on the request and its `closedAt`), so a retried event asks once and a request
 * reopened and closed again is asked again. Nothing is asked when `csat_send_for` is `TICKET`:
 * then feedback belongs to tickets, not requests. A requester who wrote by e-mail is asked by
 * e-mail instead (`askByEmail`).
 */
export const feedbackHooks: RequestHooks = {
  async changed(deps, ctx, before, after) {
    const { features } = ctx;
    const key = feedbackAskKey(before, after, features.requests.config, features.csat_send_for);
    if (!key || !(await claimOnce(deps.models.claims, key, deps.clock.now()))) return;
    const posted = await askForFeedback(deps, ctx, after);
    // Not shown: free the claim so a redelivery of the close may ask again.
    if (!posted) await releaseClaim(deps.models.claims, key);
  },
};

/**
 * An internal ticket of the request was marked Done: with `csat_send_for` `TICKET`, the requester
 * is asked for feedback in the request's thread, once per request (`ticketFeedbackAskKey`).
 */
export async function askAfterTicketDone(
  deps: BotDeps,
  ctx: ChannelContext,
  request: RequestDoc,
  ticketStatus: string,
): Promise<void> {
  const { features } = ctx;
  const key = ticketFeedbackAskKey(
    request,
    ticketStatus,
    features.requests.config,
    features.csat_send_for,
  );
  if (!key || !(await claimOnce(deps.models.claims, key, deps.clock.now()))) return;
  if (!(await askForFeedback(deps, ctx, request))) await releaseClaim(deps.models.claims, key);
}

async function askForFeedback(
  deps: BotDeps,
  ctx: ChannelContext,
  request: RequestDoc,
): Promise<boolean> {
  // Someone who wrote by e-mail is not in Slack: they are asked by e-mail, with rating links.
  if (isEmailRequester(request.requesterId)) return askByEmail(deps, ctx.features, request);
  const config = ctx.features.requests.config;
  const slack = await deps.slack(request.teamId);
  const prompt = feedbackPrompt({
    requestId: String(request._id),
    message: config.feedback_message,
    scale: config.feedback_rating,
  });
  const where = { channel: request.channelId, thread_ts: request.rootTs };
  const options = { bestEffort: { step: 'feedback_prompt', requestId: String(request._id) } };
  const posted = config.send_feedback_as_ephemeral
    ? await slack.postEphemeral({ ...where, user: request.requesterId, ...prompt }, options)
    : await slack.post({ ...where, ...prompt }, options);
  return posted !== undefined;
}
