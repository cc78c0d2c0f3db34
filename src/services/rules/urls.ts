import type { BotDeps } from '../../deps.js';
import type { RuleAction } from '../../desk/automation.js';
import { validationError } from '../../errors.js';
import { refusedUrl } from '../webhooks/address.js';

/**
 * Refuses (422 naming `actions.N.action_params`) a `send_webhook_event` whose address resolves to
 * a private, loopback or link-local host, as a webhook's URL is refused (unless
 * `WEBHOOK_ALLOW_PRIVATE`). The URL's form was checked by `RuleAction`.
 */
export async function checkActionUrls(
  deps: Pick<BotDeps, 'env'>,
  actions: readonly RuleAction[] = [],
): Promise<void> {
  const detail = [];
  for (const [index, action] of actions.entries()) {
    if (action.action_name !== 'send_webhook_event') continue;
    const refused = await refusedUrl(
      String(action.action_params[0]),
      deps.env.WEBHOOK_ALLOW_PRIVATE,
    );
    if (refused) {
      const loc = ['body', 'actions', index, 'action_params'];
      detail.push({ loc, msg: refused, type: 'value_error.url' });
    }
  }
  if (detail.length > 0) throw validationError(detail);
}
