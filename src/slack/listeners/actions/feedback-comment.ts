import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { ONLY_REQUESTER } from '../../../feedback/comment.js';
import { commentTarget } from '../../../services/feedback/respond.js';
import { feedbackCommentModal } from '../../../views/feedback-comment.js';
import { bestEffort } from '../../safe-call.js';

/** "Add a comment" / "Edit comment" under a rated prompt: opens the comment modal for the requester. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.feedbackComment,
    async ({ ack, action, body, client }) => {
      await ack();
      const user = body.user.id;
      const target = await commentTarget(deps, user, action.value);
      const log = { step: 'feedback_comment', user };
      if (target.kind === 'ok') {
        const view = feedbackCommentModal(
          String(target.request._id),
          target.request.feedback?.text,
        );
        await bestEffort(deps.logger, log, () =>
          client.views.open({ trigger_id: body.trigger_id, view }),
        );
      } else if (target.kind === 'refused' && body.channel?.id) {
        const channel = body.channel.id;
        await bestEffort(deps.logger, log, () =>
          client.chat.postEphemeral({
            channel,
            user,
            thread_ts: body.message?.thread_ts as string | undefined,
            text: ONLY_REQUESTER,
          }),
        );
      }
    },
  );
}
