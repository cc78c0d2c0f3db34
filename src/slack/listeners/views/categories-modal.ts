import type { App } from '@slack/bolt';
import { z } from 'zod';
import { VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { submitCategories } from '../../../services/requests/categories.js';
import { CATEGORY_INPUT, CATEGORY_INPUT_BLOCK } from '../../../views/classification.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';
import { answerSubmission } from '../answer.js';

const Metadata = z.object({ requestId: z.string(), close: z.boolean() });
const Input = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});

/**
 * The categories modal's submission: a refused answer keeps the modal open with the error under
 * its field and writes nothing; else the values are stored, the modal closes, the card is redrawn
 * and, for a close that asked for them, the request is closed.
 */
export function register(app: App, deps: BotDeps): void {
  app.view(VIEWS.categories, async ({ ack, body, view, client, context }) => {
    const state = Metadata.parse(JSON.parse(view.private_metadata));
    const answers: Record<string, string> = {};
    for (const [blockId, inputs] of Object.entries(view.state.values)) {
      if (!blockId.startsWith(CATEGORY_INPUT_BLOCK)) continue;
      const input = Input.parse(inputs[CATEGORY_INPUT] ?? {});
      answers[blockId.slice(CATEGORY_INPUT_BLOCK.length)] =
        input.value ?? input.selected_option?.value ?? '';
    }
    const slack = new SlackGateway(client, deps.logger);
    const outcome = await submitCategories(deps, slack, {
      requestId: state.requestId,
      ...actorOf(body, context),
      close: state.close,
      answers,
    });
    await answerSubmission(ack, outcome);
  });
}
