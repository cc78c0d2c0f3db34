import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { ONLY_REQUESTER } from '../../../feedback/comment.js';
import { opensCommentModal } from '../../../feedback/feedback.js';
import {
  announceFeedback,
  rateRequest,
  redrawRatedTicket,
} from '../../../services/feedback/respond.js';
import { feedbackCommentModal } from '../../../views/feedback-comment.js';
import { feedbackThanks } from '../../../views/feedback.js';
import { SlackGateway } from '../../gateway.js';
import { bestEffort } from '../../safe-call.js';

/** The message the button was on: an ephemeral prompt is replaced through `respond`. */
const Container = z.object({
  channel_id: z.string(),
  message_ts: z.string(),
  is_ephemeral: z.boolean().optional(),
});

/**
 * A rating button of the feedback prompt (`feedback_rating:<choice>`): the requester's rating is
 * stored, the prompt turns into a thanks (still offering the buttons, to change the rating), the
 * comment modal opens when text feedback is asked for, and the team hears of it; a ticket's
 * rating (ticket CSAT, `ticket:` values) shows on the request's card.
 */
export function register(app: App, deps: BotDeps): void {
  const pattern = new RegExp(`^${ACTIONS.feedbackRating}:`);
  app.action<BlockAction<ButtonAction>>(pattern, async ({ ack, action, body, client, respond }) => {
    await ack();
    const container = Container.safeParse(body.container);
    const user = body.user.id;
    const slack = new SlackGateway(client, deps.logger);
    const outcome = await rateRequest(deps, user, action.value);
    const log = { step: 'feedback_rating', user, action: action.action_id };
    if (outcome.kind === 'invalid' || outcome.kind === 'missing') return;
    if (outcome.kind === 'refused') {
      if (!container.success) return;
      const thread_ts = body.message?.thread_ts as string | undefined;
      const channel = container.data.channel_id;
      const refusal = { channel, user, thread_ts, text: ONLY_REQUESTER };
      await slack.postEphemeral(refusal, { bestEffort: log });
      return;
    }
    const { request } = outcome;
    const requestId = String(request._id);
    if (opensCommentModal(outcome.kind, outcome.askForComment, request.feedback?.text)) {
      const view = feedbackCommentModal(requestId);
      await slack.openView({ trigger_id: body.trigger_id, view }, { bestEffort: log });
    }
    const thanks = feedbackThanks({
      requestId,
      scale: outcome.scale,
      rating: outcome.rating,
      askForComment: outcome.askForComment,
      hasComment: Boolean(request.feedback?.text),
      target: outcome.target,
    });
    if (container.success && container.data.is_ephemeral) {
      await bestEffort(deps.logger, log, () => respond({ replace_original: true, ...thanks }));
    } else if (container.success) {
      const { channel_id: channel, message_ts: ts } = container.data;
      await slack.update({ channel, ts, ...thanks }, { bestEffort: log });
    }
    await announceFeedback(slack, outcome.notice);
    await redrawRatedTicket(deps, slack, outcome);
  });
}
