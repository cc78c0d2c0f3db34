import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { applyRequestCommand } from '../../../services/requests/actions.js';
import { askCategoriesBeforeClose } from '../../../services/requests/categories.js';
import { keepOpen } from '../../../services/timers/nudge.js';
import { CUSTOMER_NUDGE_QUESTION, closeNudgeAnswered } from '../../../views/nudge.js';
import { SlackGateway } from '../../gateway.js';

/** What a nudge click must carry: the request, and where the nudge message is. */
const NudgeClick = z.object({
  requestId: z.string().min(1),
  userId: z.string().min(1),
  channelId: z.string().min(1),
  messageTs: z.string().min(1),
  threadTs: z.string().optional(),
  question: z.string().min(1).catch(CUSTOMER_NUDGE_QUESTION),
});

/**
 * The close nudge's buttons, for anyone who sees the nudge (customer or agent): Close closes the
 * request like the triage card's Close; Keep open leaves it. Either way the nudge's buttons are
 * replaced with who answered; a request no longer live gets an ephemeral instead.
 */
export function register(app: App, deps: BotDeps): void {
  const pattern = new RegExp(`^(${ACTIONS.nudgeClose}|${ACTIONS.nudgeKeepOpen})$`);
  app.action<BlockAction<ButtonAction>>(pattern, async ({ ack, action, body, client, context }) => {
    await ack();
    const parsed = NudgeClick.safeParse({
      requestId: action.value,
      userId: body.user.id,
      channelId: body.channel?.id,
      messageTs: body.message?.ts,
      threadTs: body.message?.thread_ts,
      question: body.message?.text,
    });
    if (!parsed.success) return;
    const click = parsed.data;
    const slack = new SlackGateway(client, deps.logger);
    const closing = action.action_id === ACTIONS.nudgeClose;
    if (closing) {
      const picker = {
        requestId: click.requestId,
        teamId: context.teamId ?? body.team?.id ?? '',
        userId: click.userId,
        botUserId: context.botUserId,
      };
      const options = { customersMayClose: true };
      const trigger = body.trigger_id;
      if (await askCategoriesBeforeClose(deps, slack, picker, trigger, click.channelId, options)) {
        return;
      }
    }
    const refusal = closing
      ? await applyRequestCommand(
          deps,
          slack,
          { id: click.requestId },
          { kind: 'status', to: 'closed' },
          click.userId,
        )
      : await keepOpen(deps, click.requestId, click.userId);
    const bestEffort = {
      step: 'nudge_answer',
      action: action.action_id,
      requestId: click.requestId,
    };
    if (refusal) {
      const { channelId: channel, userId: user, threadTs: thread_ts } = click;
      await slack.postEphemeral({ channel, user, thread_ts, text: refusal }, { bestEffort });
      return;
    }
    const answered = closeNudgeAnswered(
      click.question,
      closing ? 'closed' : 'kept_open',
      click.userId,
    );
    await slack.update(
      { channel: click.channelId, ts: click.messageTs, ...answered },
      { bestEffort },
    );
  });
}
