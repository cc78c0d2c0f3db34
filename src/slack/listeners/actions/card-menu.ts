import type { App, BlockAction, OverflowAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { SlackGateway } from '../../gateway.js';
import { OVERFLOW_KEYS } from '../../../views/helpdesk-ticket.js';
import { createTicketFromCard } from './create-ticket-button.js';
import { raiseTicketFromCard } from './raise-ticket-button.js';
import { summariseFromCard } from './summarise-button.js';

/**
 * The triage card's ⋯ menu (`showOverflowMenu`): each option (`<key>:<request id>`) does what
 * its button does.
 */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<OverflowAction>>(
    ACTIONS.cardMenu,
    async ({ ack, action, body, client, context }) => {
      await ack();
      const [key, requestId] = (action.selected_option?.value ?? '').split(':');
      if (!requestId) return;
      const slack = new SlackGateway(client, deps.logger);
      if (key === OVERFLOW_KEYS['Create ticket']) {
        await createTicketFromCard(deps, slack, body, requestId);
      } else if (key === OVERFLOW_KEYS['Raise internal ticket']) {
        await raiseTicketFromCard(deps, slack, body, context, requestId);
      } else if (key === OVERFLOW_KEYS.Summarise) {
        await summariseFromCard(deps, slack, body, requestId);
      }
    },
  );
}
