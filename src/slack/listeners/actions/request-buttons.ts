import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { askCategoriesBeforeClose } from '../../../services/requests/categories.js';
import { BUTTON_COMMANDS as COMMANDS } from '../../../requests/commands.js';
import { applyRequestCommand } from '../../../services/requests/actions.js';
import { SlackGateway } from '../../gateway.js';

/** The triage card's buttons: Assign to me, In progress, On hold, Close, Discard, Reopen. */
export function register(app: App, deps: BotDeps): void {
  const pattern = new RegExp(`^(${Object.keys(COMMANDS).join('|')})$`);
  app.action<BlockAction<ButtonAction>>(pattern, async ({ ack, action, body, client, context }) => {
    await ack();
    const command = COMMANDS[action.action_id];
    if (!command || !action.value) return;
    const slack = new SlackGateway(client, deps.logger);
    if (action.action_id === ACTIONS.close) {
      const picker = {
        requestId: action.value,
        teamId: context.teamId ?? body.team?.id ?? '',
        userId: body.user.id,
        botUserId: context.botUserId,
      };
      if (await askCategoriesBeforeClose(deps, slack, picker, body.trigger_id, body.channel?.id)) {
        return;
      }
    }
    const refusal = await applyRequestCommand(
      deps,
      slack,
      { id: action.value },
      command(body.user.id),
      body.user.id,
    );
    if (refusal && body.channel?.id) {
      const bestEffort = { step: 'button_refusal', action: action.action_id };
      const message = { channel: body.channel.id, user: body.user.id, text: refusal };
      await slack.postEphemeral(message, { bestEffort });
    }
  });
}
