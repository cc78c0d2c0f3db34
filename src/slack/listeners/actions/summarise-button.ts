import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { summariseRequest } from '../../../services/ai/summary.js';
import { SlackGateway } from '../../gateway.js';

/** The triage card's "Summarise" (AI assist): the thread's summary, to the clicker only. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.summarise,
    async ({ ack, action, body, client }) => {
      await ack();
      const teamId = body.team?.id ?? body.user.team_id;
      if (!action.value || !teamId || !body.channel?.id) return;
      const slack = new SlackGateway(client, deps.logger);
      const text = await summariseRequest(deps, slack, { teamId, requestId: action.value });
      await slack.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
    },
  );
}
