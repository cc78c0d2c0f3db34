import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { settleSuggestion } from '../../../services/ai/classify.js';
import { SlackGateway } from '../../gateway.js';

/**
 * The triage card's AI classification suggestion: **Apply** sets it as the clicker's picks,
 * **Dismiss** drops it; a refusal (not an agent, already settled) is an ephemeral to the clicker.
 */
export function register(app: App, deps: BotDeps): void {
  const actions = [
    [ACTIONS.classifyApply, 'apply'],
    [ACTIONS.classifyDismiss, 'dismiss'],
  ] as const;
  for (const [actionId, action] of actions) {
    app.action<BlockAction<ButtonAction>>(
      actionId,
      async ({ ack, action: clicked, body, client, context }) => {
        await ack();
        const teamId = body.team?.id ?? body.user.team_id;
        if (!clicked.value || !teamId) return;
        const slack = new SlackGateway(client, deps.logger);
        const text = await settleSuggestion(deps, slack, {
          action,
          requestId: clicked.value,
          teamId,
          userId: body.user.id,
          botUserId: context.botUserId,
          userTeamId: body.user.team_id,
        });
        if (!text || !body.channel?.id) return;
        const step = { step: 'ai_classify', requestId: clicked.value };
        await slack.postEphemeral(
          { channel: body.channel.id, user: body.user.id, text },
          { bestEffort: step },
        );
      },
    );
  }
}
