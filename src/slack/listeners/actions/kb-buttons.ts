import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { answerSuggestion } from '../../../services/kb/answer.js';
import { SlackGateway } from '../../gateway.js';

const BUTTONS = [
  [ACTIONS.kbSolved, 'solved'],
  [ACTIONS.kbNeedHelp, 'need_help'],
] as const;

const Container = z.object({ channel_id: z.string(), message_ts: z.string() });
const Message = z.object({
  text: z.string().default(''),
  thread_ts: z.string().optional(),
  blocks: z.array(z.looseObject({ type: z.string() })).default([]),
});

/**
 * **This solved it** / **Still need help** under knowledge-base suggestions; a refusal (not the
 * requester nor an agent, or the request already closed) is an ephemeral to the clicker.
 */
export function register(app: App, deps: BotDeps): void {
  for (const [actionId, answer] of BUTTONS) {
    app.action<BlockAction<ButtonAction>>(
      actionId,
      async ({ ack, action, body, client, context }) => {
        await ack();
        const container = Container.safeParse(body.container);
        const message = Message.safeParse(body.message);
        if (!action.value || !container.success || !message.success) return;
        const slack = new SlackGateway(client, deps.logger);
        const channel = container.data.channel_id;
        const refusal = await answerSuggestion(deps, slack, {
          requestId: action.value,
          teamId: context.teamId ?? body.team?.id ?? '',
          userId: body.user.id,
          answer,
          channel,
          messageTs: container.data.message_ts,
          message: {
            text: message.data.text,
            blocks: message.data.blocks as unknown as KnownBlock[],
          },
        });
        if (!refusal) return;
        await slack.postEphemeral(
          { channel, user: body.user.id, thread_ts: message.data.thread_ts, text: refusal },
          { bestEffort: { step: 'kb_answer_refusal', channel } },
        );
      },
    );
  }
}
