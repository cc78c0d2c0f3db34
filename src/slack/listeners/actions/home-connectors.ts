import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { chosenViewOf } from '../../../home/summary.js';
import { connectorButton, connectorTypePicked } from '../../../services/connectors/home-buttons.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';

const BUTTONS = [
  ACTIONS.connectorAdd,
  ACTIONS.connectorEdit,
  ACTIONS.connectorCheck,
  ACTIONS.connectorRemove,
];

/**
 * App Home's Connectors section (admins): Add connector, and each connector's Edit, Check and
 * Remove (Slack's confirm dialog first); and the Add modal's type menu, which redraws its fields.
 */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${BUTTONS.join('|')})$`),
    async ({ ack, action, body, context, client }) => {
      await ack();
      const slack = new SlackGateway(client, deps.logger);
      const { teamId, userId } = actorOf(body, context);
      const viewId = body.view?.type === 'home' ? chosenViewOf(body.view) : undefined;
      await connectorButton(deps, slack, {
        teamId,
        userId,
        actionId: action.action_id,
        ...(action.value ? { id: action.value } : {}),
        triggerId: body.trigger_id,
        ...(viewId ? { viewId } : {}),
      });
    },
  );
  app.action<BlockAction<StaticSelectAction>>(
    ACTIONS.connectorType,
    async ({ ack, action, body, client }) => {
      await ack();
      const type = action.selected_option?.value;
      if (!body.view || !type) return;
      const slack = new SlackGateway(client, deps.logger);
      await connectorTypePicked(slack, body.view, type, body.user.id);
    },
  );
}
