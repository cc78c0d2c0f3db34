import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { chosenViewOf } from '../../../home/summary.js';
import { publishHome } from '../../../services/home.js';
import { SlackGateway } from '../../gateway.js';

/** The App Home's Refresh button: publish the clicker's Home again (the same view chosen). */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.homeRefresh,
    async ({ ack, body, context, client }) => {
      await ack();
      const slack = new SlackGateway(client, deps.logger);
      const teamId = context.teamId ?? (body.team?.id as string);
      await publishHome(deps, slack, teamId, body.user.id, chosenViewOf(body.view));
    },
  );
}
