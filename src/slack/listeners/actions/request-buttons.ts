import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { BotDeps } from '../../../deps.js';
import { BUTTON_COMMANDS as COMMANDS } from '../../../requests/commands.js';
import { applyRequestCommand } from '../../../services/requests/actions.js';
import { bestEffort } from '../../safe-call.js';

/** The triage card's buttons: Assign to me, In progress, On hold, Close, Discard, Reopen. */
export function register(app: App, deps: BotDeps): void {
  const pattern = new RegExp(`^(${Object.keys(COMMANDS).join('|')})$`);
  app.action<BlockAction<ButtonAction>>(pattern, async ({ ack, action, body, client }) => {
    await ack();
    const command = COMMANDS[action.action_id];
    if (!command || !action.value) return;
    const refusal = await applyRequestCommand(
      deps,
      client,
      { id: action.value },
      command(body.user.id),
      body.user.id,
    );
    if (refusal && body.channel?.id) {
      await bestEffort(deps.logger, { step: 'button_refusal', action: action.action_id }, () =>
        client.chat.postEphemeral({
          channel: body.channel?.id as string,
          user: body.user.id,
          text: refusal,
        }),
      );
    }
  });
}
