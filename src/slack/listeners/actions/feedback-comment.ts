import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { ONLY_REQUESTER } from '../../../feedback/comment.js';
import { commentTarget } from '../../../services/feedback/respond.js';
import { feedbackCommentModal } from '../../../views/feedback-comment.js';
import { SlackGateway } from '../../gateway.js';

/** "Add a comment" / "Edit comment" under a rated prompt: opens the comment modal for the requester. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.feedbackComment,
    async ({ ack, action, body, client }) => {
      await ack();
      const user = body.user.id;
      const slack = new SlackGateway(client, deps.logger);
      const target = await commentTarget(deps, user, action.value);
      const bestEffort = { step: 'feedback_comment', user };
      if (target.kind === 'ok') {
        const { _id, feedback } = target.request;
        const view = feedbackCommentModal(String(_id), feedback?.text);
        await slack.openView({ trigger_id: body.trigger_id, view }, { bestEffort });
      } else if (target.kind === 'refused' && body.channel?.id) {
        const thread_ts = body.message?.thread_ts as string | undefined;
        const refusal = { channel: body.channel.id, user, thread_ts, text: ONLY_REQUESTER };
        await slack.postEphemeral(refusal, { bestEffort });
      }
    },
  );
}
