import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { ticketView } from '../../../services/internal-tickets/raise.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';

/** The triage card's "Raise internal ticket": opens the modal; a refusal is an ephemeral. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.raiseTicket,
    async ({ ack, action, body, client, context }) => {
      await ack();
      if (!action.value) return;
      const slack = new SlackGateway(client, deps.logger);
      const channel = body.channel?.id;
      const outcome = await ticketView(deps, slack, {
        requestId: action.value,
        ...actorOf(body, context),
        channelId: channel ?? null,
      });
      const bestEffort = { step: 'internal_ticket_modal', user: body.user.id };
      if (outcome.ok) {
        await slack.openView({ trigger_id: body.trigger_id, view: outcome.view }, { bestEffort });
        return;
      }
      if (!channel) return;
      await slack.postEphemeral(
        { channel, user: body.user.id, text: outcome.text },
        { bestEffort },
      );
    },
  );
}
