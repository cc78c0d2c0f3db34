import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { keptDraft, sendDraft } from '../../../services/ai/draft.js';
import { draftModal, sentDraftMessage } from '../../../views/ai-draft.js';
import { SlackGateway } from '../../gateway.js';
import { bestEffort } from '../../safe-call.js';

/** A draft's buttons' value (`draftValue`); older buttons carried the text itself too. */
const Value = z.object({ requestId: z.string(), text: z.string().optional() });
/** The message the button was on: an ephemeral is replaced through `respond`. */
const Container = z.object({
  channel_id: z.string(),
  message_ts: z.string(),
  thread_ts: z.string().optional(),
  is_ephemeral: z.boolean().optional(),
});

function parsed(value: string | undefined) {
  try {
    return Value.safeParse(JSON.parse(value ?? '')).data;
  } catch {
    return undefined;
  }
}

/**
 * A drafted reply's buttons (AI assist): **Send** posts it in the customer's thread as the
 * clicker's reply (once; the clicker is told the outcome), **Edit** opens it in a modal.
 */
export function register(app: App, deps: BotDeps): void {
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.draftSend,
    async ({ ack, action, body, client, context, respond }) => {
      await ack();
      const teamId = body.team?.id ?? body.user.team_id;
      const draft = parsed(action.value);
      if (!draft || !teamId || !body.channel?.id) return;
      const slack = new SlackGateway(client, deps.logger);
      const input = { teamId, userId: body.user.id, botUserId: context.botUserId, ...draft };
      const outcome = await sendDraft(deps, slack, input);
      const log = { step: 'ai_draft_sent', requestId: draft.requestId };
      const container = Container.safeParse(body.container);
      if (outcome.ok && container.success) {
        // The draft turns into "sent by", without its buttons.
        const sent = sentDraftMessage(outcome.posted ?? '', body.user.id);
        if (container.data.is_ephemeral) {
          await bestEffort(deps.logger, log, () => respond({ replace_original: true, ...sent }));
        } else {
          const { channel_id: channel, message_ts: ts } = container.data;
          await slack.update({ channel, ts, ...sent }, { bestEffort: log });
        }
        return;
      }
      const thread_ts = container.data?.thread_ts;
      await slack.postEphemeral(
        { channel: body.channel.id, user: body.user.id, text: outcome.text, thread_ts },
        { bestEffort: log },
      );
    },
  );
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.draftEdit,
    async ({ ack, action, body, client }) => {
      await ack();
      const draft = parsed(action.value);
      const teamId = body.team?.id ?? body.user.team_id;
      if (!draft || !teamId) return;
      const text = draft.text ?? (await keptDraft(deps, { teamId, requestId: draft.requestId }));
      if (text === undefined) return;
      await new SlackGateway(client, deps.logger).openView(
        { trigger_id: body.trigger_id, view: draftModal({ requestId: draft.requestId, text }) },
        { bestEffort: { step: 'ai_draft_modal', requestId: draft.requestId } },
      );
    },
  );
}
