import type { App } from '@slack/bolt';
import { z } from 'zod';
import { VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { sendDraft } from '../../../services/ai/draft.js';
import { DRAFT_BLOCK, DRAFT_INPUT } from '../../../views/ai-draft.js';
import { SlackGateway } from '../../gateway.js';

const Metadata = z.object({ requestId: z.string() });
const Values = z.object({
  [DRAFT_BLOCK]: z.object({ [DRAFT_INPUT]: z.object({ value: z.string().nullish() }) }),
});

/**
 * The drafted reply's edit modal, submitted: the edited text is posted as the agent's reply the
 * way **Send** posts the draft, and the modal closes; a refusal (not an agent, already sent, empty)
 * keeps it open with the reason under the text, and posts nothing.
 */
export function register(app: App, deps: BotDeps): void {
  app.view(VIEWS.draftEdit, async ({ ack, body, view, client, context }) => {
    const { requestId } = Metadata.parse(JSON.parse(view.private_metadata));
    const values = Values.parse(view.state.values);
    const outcome = await sendDraft(deps, new SlackGateway(client, deps.logger), {
      teamId: context.teamId ?? body.team?.id ?? '',
      userId: body.user.id,
      botUserId: context.botUserId,
      requestId,
      text: values[DRAFT_BLOCK][DRAFT_INPUT].value ?? '',
    });
    await ack(
      outcome.ok
        ? undefined
        : { response_action: 'errors', errors: { [DRAFT_BLOCK]: outcome.text } },
    );
  });
}
