import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { TicketStatus } from '../../../requests/internal-ticket.js';
import { changeTicketStatus } from '../../../services/internal-tickets/status.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An internal ticket message's Open / In progress / Done (the status after the action id's
 * prefix, the ticket id as the value); a refusal is an ephemeral to the clicker.
 */
export function register(app: App, deps: BotDeps): void {
  const pattern = new RegExp(`^${escape(ACTIONS.ticketStatus)}`);
  app.action<BlockAction<ButtonAction>>(pattern, async ({ ack, action, body, client, context }) => {
    await ack();
    const to = TicketStatus.safeParse(action.action_id.slice(ACTIONS.ticketStatus.length));
    if (!action.value || !to.success) return;
    const slack = new SlackGateway(client, deps.logger);
    const outcome = await changeTicketStatus(deps, slack, {
      ticketId: action.value,
      to: to.data,
      ...actorOf(body, context),
    });
    const channel = body.channel?.id;
    if (outcome.ok || !channel) return;
    await slack.postEphemeral(
      { channel, user: body.user.id, text: outcome.text },
      { bestEffort: { step: 'internal_ticket_refusal', channel } },
    );
  });
}
