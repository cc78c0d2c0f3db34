import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { handleSuggestion } from '../../../services/requests/suggestion-actions.js';
import { SlackGateway } from '../../gateway.js';

const BUTTONS = [
  [ACTIONS.suggestionCreate, 'create'],
  [ACTIONS.suggestionDismiss, 'dismiss'],
] as const;

/** A suggestion's Create request / Dismiss; a refusal is an ephemeral to the clicker. */
export function register(app: App, deps: BotDeps): void {
  for (const [actionId, kind] of BUTTONS) {
    app.action<BlockAction<ButtonAction>>(
      actionId,
      async ({ ack, action, body, client, context }) => {
        await ack();
        if (!action.value) return;
        const slack = new SlackGateway(client, deps.logger);
        const outcome = await handleSuggestion(deps, slack, {
          suggestionId: action.value,
          teamId: context.teamId ?? body.team?.id ?? '',
          userId: body.user.id,
          botUserId: context.botUserId,
          action: kind,
        });
        const channel = body.channel?.id;
        if (outcome.ok || !channel) return;
        await slack.postEphemeral(
          { channel, user: body.user.id, text: outcome.text },
          { bestEffort: { step: 'suggestion_refusal', channel } },
        );
      },
    );
  }
}
