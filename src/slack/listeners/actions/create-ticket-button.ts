import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { ACTIONS, VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { createTicketClicked, ticketHelpdeskPicked } from '../../../services/connectors/tickets.js';
import { HELPDESK_BLOCK } from '../../../views/helpdesk-ticket.js';
import { SlackGateway } from '../../gateway.js';

/** What a click on the card brings that its actions need. */
export interface CardClick {
  trigger_id: string;
  user: { id: string; team_id?: string };
  team?: { id: string } | null;
  channel?: { id: string };
}

/** The card's Create ticket (button or ⋯ menu): the ticket modal, or an ephemeral saying why not. */
export async function createTicketFromCard(
  deps: BotDeps,
  slack: SlackGateway,
  body: CardClick,
  requestId: string,
): Promise<void> {
  const outcome = await createTicketClicked(deps, slack, requestId, body.user.id);
  const bestEffort = { step: 'helpdesk_ticket_modal', user: body.user.id };
  if (outcome && 'view' in outcome) {
    await slack.openView({ trigger_id: body.trigger_id, view: outcome.view }, { bestEffort });
  } else if (outcome && body.channel?.id) {
    await slack.postEphemeral(
      { channel: body.channel.id, user: body.user.id, text: outcome.text },
      { bestEffort },
    );
  }
}

/** The triage card's "Create ticket": opens the ticket modal (or asks for the ticket at once). */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.createTicket,
    async ({ ack, action, body, client }) => {
      await ack();
      if (action.value)
        await createTicketFromCard(deps, new SlackGateway(client, deps.logger), body, action.value);
    },
  );
}

/**
 * A helpdesk picked in the open ticket modal (its select dispatches the pick): the modal is
 * updated, with the Form select only for a Zendesk helpdesk.
 */
export function registerHelpdeskPick(app: App, deps: BotDeps): void {
  app.action<BlockAction<StaticSelectAction>>(
    { block_id: HELPDESK_BLOCK, action_id: 'value' },
    async ({ ack, action, body, client }) => {
      await ack();
      const view = body.view;
      const picked = action.selected_option?.value;
      if (!view || view.callback_id !== VIEWS.helpdeskTicket || !picked) return;
      const typed = view.state.values.ht_subject?.value?.value;
      await ticketHelpdeskPicked(
        deps,
        new SlackGateway(client, deps.logger),
        {
          id: view.id,
          hash: view.hash,
          requestId: view.private_metadata,
          subject: typed ?? undefined,
        },
        picked,
      );
    },
  );
}
