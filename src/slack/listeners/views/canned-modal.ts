import type { App } from '@slack/bolt';
import { z } from 'zod';
import { ACTIONS, VIEWS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { submitCanned } from '../../../services/desk/canned-shortcut.js';
import { CANNED_BLOCK } from '../../../views/canned.js';
import { SlackGateway } from '../../gateway.js';

const Metadata = z.object({ requestId: z.string() });
const Values = z.object({
  [CANNED_BLOCK]: z
    .object({
      [ACTIONS.cannedPick]: z
        .object({ selected_option: z.object({ value: z.string() }).nullish() })
        .optional(),
    })
    .optional(),
});

/**
 * The canned response modal's submission: the response is posted into the request's thread and
 * the modal closes; a refusal keeps it open with the reason under the menu, and posts nothing.
 */
export function register(app: App, deps: BotDeps): void {
  app.view(VIEWS.cannedResponse, async ({ ack, body, view, client, context }) => {
    const state = Metadata.parse(JSON.parse(view.private_metadata));
    const values = Values.parse(view.state.values);
    const outcome = await submitCanned(deps, new SlackGateway(client, deps.logger), {
      teamId: context.teamId ?? body.team?.id ?? '',
      userId: body.user.id,
      botUserId: context.botUserId,
      requestId: state.requestId,
      shortCode: values[CANNED_BLOCK]?.[ACTIONS.cannedPick]?.selected_option?.value,
    });
    await ack(outcome.ok ? undefined : { response_action: 'errors', errors: outcome.errors });
  });
}
