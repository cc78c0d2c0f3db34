import type { App, BlockAction, ButtonAction, Context } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { ticketView } from '../../../services/internal-tickets/raise.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';
import type { CardClick } from './create-ticket-button.js';

/** The card's Raise internal ticket (button or ⋯ menu): the modal; a refusal is an ephemeral. */
export async function raiseTicketFromCard(
  deps: BotDeps,
  slack: SlackGateway,
  body: CardClick,
  context: Context,
  requestId: string,
): Promise<void> {
  const channel = body.channel?.id;
  const outcome = await ticketView(deps, slack, {
    requestId,
    ...actorOf(body, context),
    channelId: channel ?? null,
  });
  const bestEffort = { step: 'internal_ticket_modal', user: body.user.id };
  if (outcome.ok) {
    await slack.openView({ trigger_id: body.trigger_id, view: outcome.view }, { bestEffort });
    return;
  }
  if (!channel) return;
  await slack.postEphemeral({ channel, user: body.user.id, text: outcome.text }, { bestEffort });
}

/** The triage card's "Raise internal ticket": opens the modal; a refusal is an ephemeral. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.raiseTicket,
    async ({ ack, action, body, client, context }) => {
      await ack();
      if (action.value)
        await raiseTicketFromCard(
          deps,
          new SlackGateway(client, deps.logger),
          body,
          context,
          action.value,
        );
    },
  );
}
