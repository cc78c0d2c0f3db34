import type { App } from '@slack/bolt';
import { z } from 'zod';
import { VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { submitFields } from '../../../services/custom-fields/edit.js';
import { FIELD_INPUT, FIELD_INPUT_BLOCK, NO_OPTION } from '../../../views/custom-fields.js';
import { SlackGateway } from '../../gateway.js';
import { answerSubmission } from '../answer.js';

const Metadata = z.object({ requestId: z.string(), stamp: z.string() });
/** What each input sends: text and number `value`, a menu's `selected_option`, a date's `selected_date`. */
const Input = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_date: z.string().nullish(),
});

/**
 * The "Edit fields" modal's submission: a refused value keeps the modal open with the error
 * under its field and writes nothing; else the changed values are stored, the modal closes and
 * the card is redrawn.
 */
export function register(app: App, deps: BotDeps): void {
  app.view(VIEWS.customFields, async ({ ack, body, view, client, context }) => {
    const state = Metadata.parse(JSON.parse(view.private_metadata));
    const answers: Record<string, string | null> = {};
    for (const [blockId, inputs] of Object.entries(view.state.values)) {
      if (!blockId.startsWith(FIELD_INPUT_BLOCK)) continue;
      const input = Input.parse(inputs[FIELD_INPUT] ?? {});
      const picked = input.selected_option?.value;
      answers[blockId.slice(FIELD_INPUT_BLOCK.length)] =
        input.value ?? input.selected_date ?? (picked === NO_OPTION ? null : (picked ?? null));
    }
    const outcome = await submitFields(deps, new SlackGateway(client, deps.logger), {
      requestId: state.requestId,
      teamId: context.teamId ?? body.team?.id ?? '',
      userId: body.user.id,
      botUserId: context.botUserId,
      stamp: state.stamp,
      answers,
    });
    await answerSubmission(ack, outcome);
  });
}
