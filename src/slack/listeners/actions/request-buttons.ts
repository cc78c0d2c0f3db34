import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { applyRequestCommand, type RequestCommand } from '../../../services/requests/actions.js';
import { bestEffort } from '../../safe-call.js';

const COMMANDS: Record<string, (user: string) => RequestCommand> = {
  [ACTIONS.assignToMe]: (user) => ({ kind: 'assign', assigneeId: user }),
  [ACTIONS.inProgress]: () => ({ kind: 'status', to: 'in_progress' }),
  [ACTIONS.onHold]: () => ({ kind: 'status', to: 'on_hold' }),
  [ACTIONS.close]: () => ({ kind: 'status', to: 'closed' }),
  [ACTIONS.discard]: () => ({ kind: 'status', to: 'discarded' }),
  [ACTIONS.reopen]: () => ({ kind: 'status', to: 'open' }),
};

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
