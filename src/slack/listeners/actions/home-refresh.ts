import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { publishHome } from '../../../services/home.js';
import { SlackGateway } from '../../gateway.js';

/** The App Home's Refresh button: publish the clicker's Home again. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.homeRefresh,
    async ({ ack, body, context, client }) => {
      await ack();
      const slack = new SlackGateway(client, deps.logger);
      await publishHome(deps, slack, context.teamId ?? (body.team?.id as string), body.user.id);
    },
  );
}
