import type { App } from '@slack/bolt';
import { z } from 'zod';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { previewCanned } from '../../../services/desk/canned-shortcut.js';
import { SlackGateway } from '../../gateway.js';

const Payload = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({ id: z.string(), hash: z.string().optional(), private_metadata: z.string() }),
  actions: z.array(z.object({ selected_option: z.object({ value: z.string() }).nullish() })),
});
const Metadata = z.object({ requestId: z.string() });

/** A pick in the canned response modal's menu: the modal shows the response as it will be posted. */
export function register(app: App, deps: BotDeps): void {
  app.action(ACTIONS.cannedPick, async ({ ack, body, client, context }) => {
    await ack();
    const payload = Payload.parse(body);
    const shortCode = payload.actions[0]?.selected_option?.value;
    if (!shortCode) return;
    await previewCanned(deps, new SlackGateway(client, deps.logger), {
      teamId: context.teamId ?? payload.team?.id ?? '',
      userId: payload.user.id,
      requestId: Metadata.parse(JSON.parse(payload.view.private_metadata)).requestId,
      shortCode,
      viewId: payload.view.id,
      hash: payload.view.hash,
    });
  });
}
