import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { summariseRequest } from '../../../services/ai/summary.js';
import { SlackGateway } from '../../gateway.js';
import type { CardClick } from './create-ticket-button.js';

/** The card's Summarise (button or ⋯ menu): the thread's summary, to the clicker only. */
export async function summariseFromCard(
  deps: BotDeps,
  slack: SlackGateway,
  body: CardClick,
  requestId: string,
): Promise<void> {
  const teamId = body.team?.id ?? body.user.team_id;
  if (!teamId || !body.channel?.id) return;
  const text = await summariseRequest(deps, slack, { teamId, requestId });
  await slack.postEphemeral({ channel: body.channel.id, user: body.user.id, text });
}

/** The triage card's "Summarise" (AI assist): the thread's summary, to the clicker only. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.summarise,
    async ({ ack, action, body, client }) => {
      await ack();
      if (action.value)
        await summariseFromCard(deps, new SlackGateway(client, deps.logger), body, action.value);
    },
  );
}
