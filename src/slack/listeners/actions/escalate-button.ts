import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { escalateFromCard } from '../../../services/escalation/entries.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';

/** The triage card's Escalate button; a refusal is an ephemeral to the clicker. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.escalate,
    async ({ ack, action, body, client, context }) => {
      await ack();
      if (!action.value) return;
      const slack = new SlackGateway(client, deps.logger);
      const outcome = await escalateFromCard(deps, slack, {
        requestId: action.value,
        ...actorOf(body, context),
      });
      const channel = body.channel?.id;
      if (outcome.ok || !channel) return;
      await slack.postEphemeral(
        { channel, user: body.user.id, text: outcome.text },
        { bestEffort: { step: 'escalation_refusal', channel } },
      );
    },
  );
}
