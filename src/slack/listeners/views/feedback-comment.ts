import type { App } from '@slack/bolt';
import { VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { parseComment } from '../../../feedback/comment.js';
import { announceFeedback, commentOnRequest } from '../../../services/feedback/respond.js';
import { COMMENT_BLOCK, COMMENT_INPUT } from '../../../views/feedback-comment.js';
import { SlackGateway } from '../../gateway.js';

/**
 * The feedback comment modal's submission: an invalid comment (empty, over 2,000 characters)
 * keeps the modal open with the error under the field and stores nothing; a valid one is stored
 * on the request (the requester's only) and the team hears of it.
 */
export function register(app: App, deps: BotDeps): void {
  app.view(VIEWS.feedbackComment, async ({ ack, body, view, client }) => {
    const parsed = parseComment({
      requestId: view.private_metadata,
      text: view.state.values[COMMENT_BLOCK]?.[COMMENT_INPUT]?.value,
    });
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack();
    const stored = await commentOnRequest(deps, body.user.id, parsed.comment);
    await announceFeedback(new SlackGateway(client, deps.logger), stored.notice);
  });
}
