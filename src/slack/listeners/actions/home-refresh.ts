import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { publishHome } from '../../../services/home.js';

/** The App Home's Refresh button: publish the clicker's Home again. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.homeRefresh,
    async ({ ack, body, context, client }) => {
      await ack();
      await publishHome(deps, client, context.teamId ?? (body.team?.id as string), body.user.id);
    },
  );
}
