import type { App, BlockAction, OverflowAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { fieldsView } from '../../../services/custom-fields/edit.js';
import { SlackGateway } from '../../gateway.js';
import { openOrTell } from '../answer.js';

/** The triage card's overflow menu, "Edit fields": opens the fields modal, or tells the clicker why not. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<OverflowAction>>(
    ACTIONS.fieldsMenu,
    async ({ ack, action, body, client, context }) => {
      await ack();
      const requestId = action.selected_option?.value;
      if (!requestId) return;
      const slack = new SlackGateway(client, deps.logger);
      const outcome = await fieldsView(deps, slack, {
        requestId,
        teamId: context.teamId ?? body.team?.id ?? '',
        userId: body.user.id,
        botUserId: context.botUserId,
      });
      await openOrTell(slack, body, outcome, 'fields_modal');
    },
  );
}
