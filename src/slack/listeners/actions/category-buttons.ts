import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../../constants.js';
import type { BotDeps } from '../../../deps.js';
import { categoriesView } from '../../../services/requests/categories.js';
import { actorOf } from '../../actor.js';
import { SlackGateway } from '../../gateway.js';
import { openOrTell } from '../answer.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Buttons that open the categories modal: a `text` category's button on the triage card (its
 * name after the prefix), and the "Set categories and close" button of the ephemeral a ✅ close
 * gets when mandatory categories are missing. A refusal is an ephemeral to the clicker.
 */
export function register(app: App, deps: BotDeps): void {
  const pattern = new RegExp(
    `^(${escape(ACTIONS.categoryText)}.+|${escape(ACTIONS.categoriesForClose)})$`,
  );
  app.action<BlockAction<ButtonAction>>(pattern, async ({ ack, action, body, client, context }) => {
    await ack();
    if (!action.value) return;
    const slack = new SlackGateway(client, deps.logger);
    const close = action.action_id === ACTIONS.categoriesForClose;
    const outcome = await categoriesView(deps, slack, {
      requestId: action.value,
      ...actorOf(body, context),
      close,
      names: close ? undefined : [action.action_id.slice(ACTIONS.categoryText.length)],
    });
    await openOrTell(slack, body, outcome, 'categories_modal');
  });
}
