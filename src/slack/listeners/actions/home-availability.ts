import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { Availability } from '../../../desk/teams.js';
import { chosenViewOf } from '../../../home/summary.js';
import { publishHome } from '../../../services/home.js';
import { setAgent } from '../../../services/teams/agents.js';
import { SlackGateway } from '../../gateway.js';

const PATTERN = new RegExp(`^${ACTIONS.homeAvailability}`);

/** App Home's Online / Busy / Offline buttons: the clicker's availability, then their Home again. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(PATTERN, async ({ ack, action, body, context, client }) => {
    await ack();
    const availability = Availability.parse(action.value);
    const teamId = context.teamId ?? (body.team?.id as string);
    const slack = new SlackGateway(client, deps.logger);
    await setAgent(deps, slack, teamId, body.user.id, { availability });
    await publishHome(deps, slack, teamId, body.user.id, chosenViewOf(body.view));
  });
}
