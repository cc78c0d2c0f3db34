import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import { z } from 'zod';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { publishHome } from '../../../services/home.js';
import { ALL_REQUESTS } from '../../../views/home-views.js';
import { SlackGateway } from '../../gateway.js';

/** The menu's choice: a saved filter's id, or the default lists. */
const Choice = z.union([z.literal(ALL_REQUESTS), z.string().regex(/^[0-9a-f]{24}$/)]);

/** App Home's "Your views" menu: the clicker's Home again, with the chosen view's requests. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<StaticSelectAction>>(
    ACTIONS.homeView,
    async ({ ack, action, body, context, client }) => {
      await ack();
      const choice = Choice.safeParse(action.selected_option?.value);
      if (!choice.success) return;
      const teamId = context.teamId ?? (body.team?.id as string);
      const viewId = choice.data === ALL_REQUESTS ? undefined : choice.data;
      const slack = new SlackGateway(client, deps.logger);
      await publishHome(deps, slack, teamId, body.user.id, viewId);
    },
  );
}
