import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { escalateFromCard } from '../../../services/escalation/entries.js';
import { bestEffort } from '../../safe-call.js';

/** The triage card's Escalate button; a refusal is an ephemeral to the clicker. */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.escalate,
    async ({ ack, action, body, client, context }) => {
      await ack();
      if (!action.value) return;
      const outcome = await escalateFromCard(deps, client, {
        requestId: action.value,
        teamId: context.teamId ?? body.team?.id ?? '',
        userId: body.user.id,
        botUserId: context.botUserId,
      });
      const channel = body.channel?.id;
      if (outcome.ok || !channel) return;
      await bestEffort(deps.logger, { step: 'escalation_refusal', channel }, () =>
        client.chat.postEphemeral({ channel, user: body.user.id, text: outcome.text }),
      );
    },
  );
}
