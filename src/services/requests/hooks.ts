import type { RequestDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import type { ChannelContext } from './context.js';

/**
 * What a feature does at the moments of a request's life: SLAs, nudges, auto-close, clean-up,
 * feedback and out-of-office each plug in here (one file each, listed in `REQUEST_HOOKS`), so
 * intake and effects stay the same whatever features exist. Every hook must be idempotent: a
 * Slack redelivery runs `created` again for the same request.
 */
export interface RequestHooks {
  /** The request was just opened (or its opening is being redelivered). */
  created?(deps: BotDeps, ctx: ChannelContext, request: RequestDoc): Promise<void>;
  /** Status or assignee changed. */
  changed?(
    deps: BotDeps,
    ctx: ChannelContext,
    before: RequestDoc,
    after: RequestDoc,
    by: string,
  ): Promise<void>;
  /** An agent replied in the request's thread. */
  agentReplied?(deps: BotDeps, ctx: ChannelContext, request: RequestDoc): Promise<void>;
  /** The customer wrote again (thread reply or grouped message). */
  customerWrote?(deps: BotDeps, ctx: ChannelContext, request: RequestDoc): Promise<void>;
}

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
