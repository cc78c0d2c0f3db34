import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { publishHome } from '../../../services/home.js';
import { handleSuggestion } from '../../../services/requests/suggestion-actions.js';
import { SlackGateway } from '../../gateway.js';

const BUTTONS = [
  [ACTIONS.suggestionCreate, 'create'],
  [ACTIONS.suggestionDismiss, 'dismiss'],
] as const;

/**
 * Create request / Dismiss, on a suggestion's message or a kept message in App Home; a refusal
 * is an ephemeral to the clicker in the channel.
 */
export function register(app: App, deps: BotDeps): void {
  for (const [actionId, kind] of BUTTONS) {
    app.action<BlockAction<ButtonAction>>(
      actionId,
      async ({ ack, action, body, client, context }) => {
        await ack();
        if (!action.value) return;
        const slack = new SlackGateway(client, deps.logger);
        const teamId = context.teamId ?? body.team?.id ?? '';
        const outcome = await handleSuggestion(deps, slack, {
          suggestionId: action.value,
          teamId,
          userId: body.user.id,
          botUserId: context.botUserId,
          action: kind,
        });
        // From App Home's review list: show the list as it is now (the item handled, or gone).
        if (body.view?.type === 'home') await publishHome(deps, slack, teamId, body.user.id);
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
