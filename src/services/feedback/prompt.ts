import { claimOnce, releaseClaim, type RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import type { Features } from '../../settings/features.js';
import { feedbackAskKey, ticketFeedbackAskKey } from '../../feedback/feedback.js';
import type { RatingScale, RatingTarget } from '../../feedback/rating.js';
import { ticketFeedbackKey } from '../../feedback/ticket-feedback.js';
import { isEmailRequester } from '../../text/mrkdwn.js';
import { askByEmail } from '../email/csat.js';
import { feedbackPrompt } from '../../views/feedback.js';
import { channelContext, type ChannelContext } from '../requests/context.js';
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
    const posted = await askForFeedback(deps, after, requestAsk(ctx), ctx.features);
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
  if (!(await askForFeedback(deps, request, requestAsk(ctx), ctx.features))) {
    await releaseClaim(deps.models.claims, key);
  }
}

/**
 * Ticket CSAT: the request's helpdesk ticket was solved or closed (`closed`), from the helpdesk
 * or by the request's own close; its requester is asked to rate the ticket
 * (`tickets.config.feedback_message`, `feedback_rating`, `send_feedback_as_ephemeral`), once
 * per ticket (`ticketFeedbackKey`).
 */
export async function askTicketFeedback(
  deps: BotDeps,
  request: RequestDoc,
  closed: boolean,
): Promise<void> {
  if (!closed || !request.ticket?.connectorId) return;
  const slack = await deps.slack(request.teamId);
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx) return;
  const config = ctx.features.tickets.config;
  const key = ticketFeedbackKey(request, closed, config, ctx.features.csat_send_for);
  if (!key || !(await claimOnce(deps.models.claims, key, deps.clock.now()))) return;
  const ask = {
    message: config.feedback_message,
    scale: config.feedback_rating,
    ephemeral: config.send_feedback_as_ephemeral,
    target: 'ticket' as const,
  };
  if (!(await askForFeedback(deps, request, ask, ctx.features)))
    await releaseClaim(deps.models.claims, key);
}

/** The request's own ask: `requests.config`'s message, scale and ephemeral choice. */
const requestAsk = (ctx: ChannelContext) => ({
  message: ctx.features.requests.config.feedback_message,
  scale: ctx.features.requests.config.feedback_rating,
  ephemeral: ctx.features.requests.config.send_feedback_as_ephemeral,
  target: 'request' as const,
});

async function askForFeedback(
  deps: BotDeps,
  request: RequestDoc,
  ask: { message: string; scale: RatingScale; ephemeral: boolean; target: RatingTarget },
  features: Features,
): Promise<boolean> {
  // Someone who wrote by e-mail is not in Slack: they are asked by e-mail, with rating links
  // (a ticket's rating is asked in Slack only).
  if (isEmailRequester(request.requesterId)) {
    return ask.target === 'request' && askByEmail(deps, features, request);
  }
  const slack = await deps.slack(request.teamId);
  const prompt = feedbackPrompt({
    requestId: String(request._id),
    message: ask.message,
    scale: ask.scale,
    target: ask.target,
  });
  const where = { channel: request.channelId, thread_ts: request.rootTs };
  const step = ask.target === 'ticket' ? 'ticket_feedback_prompt' : 'feedback_prompt';
  const options = { bestEffort: { step, requestId: String(request._id) } };
  const posted = ask.ephemeral
    ? await slack.postEphemeral({ ...where, user: request.requesterId, ...prompt }, options)
    : await slack.post({ ...where, ...prompt }, options);
  return posted !== undefined;
}
