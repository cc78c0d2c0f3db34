import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { createTicketClicked } from '../../../services/connectors/tickets.js';
import { SlackGateway } from '../../gateway.js';

/** The triage card's "Create ticket": opens the ticket modal (or asks for the ticket at once). */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.createTicket,
    async ({ ack, action, body, client }) => {
      await ack();
      if (!action.value) return;
      const slack = new SlackGateway(client, deps.logger);
      const outcome = await createTicketClicked(deps, slack, action.value, body.user.id);
      const bestEffort = { step: 'helpdesk_ticket_modal', user: body.user.id };
      if (outcome && 'view' in outcome) {
        await slack.openView({ trigger_id: body.trigger_id, view: outcome.view }, { bestEffort });
      } else if (outcome && body.channel?.id) {
        await slack.postEphemeral(
          { channel: body.channel.id, user: body.user.id, text: outcome.text },
          { bestEffort },
        );
      }
    },
  );
}
