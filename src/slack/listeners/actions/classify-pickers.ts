import type { App, BlockAction, MultiStaticSelectAction, StaticSelectAction } from '@slack/bolt';
import { ACTIONS, CLASSIFY_BLOCK } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { pickOnCard } from '../../../services/requests/classify.js';
import { SlackGateway } from '../../gateway.js';

type PickAction = BlockAction<StaticSelectAction | MultiStaticSelectAction>;

/** `classify_<request id>_<stamp>`: the block id of the card's classification menus. */
const BLOCK = new RegExp(`^${CLASSIFY_BLOCK}([0-9a-f]{24})_([0-9a-z]+)$`);

/** The triage card's severity and tags menus; a refusal is an ephemeral to the picker. */
export function register(app: App, deps: BotDeps): void {
  const pattern = new RegExp(`^(${ACTIONS.severity}|${ACTIONS.tags})$`);
  app.action<PickAction>(pattern, async ({ ack, action, body, client, context }) => {
    await ack();
    const block = BLOCK.exec(action.block_id);
    if (!block) return;
    const field = action.action_id === ACTIONS.severity ? 'severity' : 'tags';
    const values =
      action.type === 'static_select'
        ? action.selected_option
          ? [action.selected_option.value]
          : []
        : (action.selected_options ?? []).map((o) => o.value);
    const slack = new SlackGateway(client, deps.logger);
    const outcome = await pickOnCard(deps, slack, {
      requestId: block[1] as string,
      stamp: block[2] as string,
      teamId: context.teamId ?? body.team?.id ?? '',
      userId: body.user.id,
      botUserId: context.botUserId,
      pick: { field, values },
    });
    const channel = body.channel?.id;
    if (outcome.ok || !channel) return;
    await slack.postEphemeral(
      { channel, user: body.user.id, text: outcome.text },
      { bestEffort: { step: 'classification_refusal', channel } },
    );
  });
}
