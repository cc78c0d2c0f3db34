import type { App, BlockAction, MultiStaticSelectAction, StaticSelectAction } from '@slack/bolt';
import { ACTIONS, CLASSIFY_BLOCK } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import type { CardPick } from '../../../requests/card-picks.js';
import { pickOnCard } from '../../../services/requests/classify.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';

type PickAction = BlockAction<StaticSelectAction | MultiStaticSelectAction>;

/** `classify_<request id>_<stamp>`: the block id of the card's classification menus. */
const BLOCK = new RegExp(`^${CLASSIFY_BLOCK}([0-9a-f]{24})_([0-9a-z]+)(?:_\\d+)?$`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Which menu: severity, tags, or a `select` category (its name after the prefix). */
function pickOf(actionId: string, values: string[]): CardPick {
  if (actionId === ACTIONS.severity) return { field: 'severity', values };
  if (actionId === ACTIONS.tags) return { field: 'tags', values };
  return { field: 'category', name: actionId.slice(ACTIONS.categorySelect.length), values };
}

/** The triage card's severity, tags and `select` category menus; a refusal is an ephemeral to the picker. */
export function register(app: App, deps: BotDeps): void {
  const pattern = new RegExp(
    `^(${ACTIONS.severity}|${ACTIONS.tags}|${escape(ACTIONS.categorySelect)}.+)$`,
  );
  app.action<PickAction>(pattern, async ({ ack, action, body, client, context }) => {
    await ack();
    const block = BLOCK.exec(action.block_id);
    if (!block) return;
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
      ...actorOf(body, context),
      pick: pickOf(action.action_id, values),
    });
    const channel = body.channel?.id;
    if (outcome.ok || !channel) return;
    await slack.postEphemeral(
      { channel, user: body.user.id, text: outcome.text },
      { bestEffort: { step: 'classification_refusal', channel } },
    );
  });
}
