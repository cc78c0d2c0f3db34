import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps, RequestHooks } from '../../deps.js';
import type { ChannelContext } from './channel-context.js';

export type { RequestHooks };

/** Runs one moment's hooks in order. */
export async function runHooks<K extends keyof RequestHooks>(
  hooks: readonly RequestHooks[],
  moment: K,
  ...args: Parameters<NonNullable<RequestHooks[K]>>
): Promise<void> {
  for (const hook of hooks) {
    const fn = hook[moment] as ((...a: typeof args) => Promise<void>) | undefined;
    if (fn) await fn.apply(hook, args);
  }
}

/**
 * After a change of an attribute other than status and assignee (priority, labels, severity,
 * categories, custom fields), made in Slack or through the API: the `updated` hooks (rules on
 * `conversation_updated`; a rule's own change, `by: rule:…`, runs none).
 */
export function attributesChanged(
  deps: BotDeps,
  ctx: ChannelContext,
  after: RequestDoc,
  by: string,
): Promise<void> {
  return runHooks(deps.requestHooks, 'updated', deps, ctx, after, by);
}
