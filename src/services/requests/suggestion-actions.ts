import { SuggestionStore } from '../../db/repositories/suggestions.js';
import type { BotDeps } from '../../deps.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { channelContext } from './context.js';
import { RequestIntake } from './intake.js';
import { senderOf } from './sender.js';
import { Suggestions } from './suggestions.js';

/** A click on a suggestion's Create request or Dismiss. */
export interface SuggestionClick {
  suggestionId: string;
  teamId: string;
  userId: string;
  /** The bot's own user id, when the payload says it. */
  botUserId?: string;
  action: 'create' | 'dismiss';
}

/** Done, or the sentence the clicker is shown instead. */
export type SuggestionOutcome = { ok: true } | { ok: false; text: string };

const UNKNOWN =
  ':warning: The bot no longer knows this suggestion or its channel; nothing was changed.';
const ONLY_AGENTS =
  ':no_entry: Only the support team can act on a suggestion. Nothing was changed.';

/**
 * Create request / Dismiss: only the support side (`senderOf`, as for escalation) may; the state
 * changes in one update conditional on the suggestion still waiting, so of two clicks at once
 * one acts and the other is told who handled it. Create request then opens the request through
 * intake's own path, and the suggestion's message is redrawn.
 */
export async function handleSuggestion(
  deps: BotDeps,
  slack: SlackGateway,
  click: SuggestionClick,
): Promise<SuggestionOutcome> {
  const store = new SuggestionStore(deps.models);
  const suggestion = await store.byId(click.suggestionId);
  if (!suggestion || suggestion.teamId !== click.teamId) return { ok: false, text: UNKNOWN };
  const ctx = await channelContext(deps, slack, suggestion.teamId, suggestion.channelId);
  if (!ctx) return { ok: false, text: UNKNOWN };
  const identity = { teamId: click.teamId, botUserId: click.botUserId ?? '', userId: click.userId };
  if ((await senderOf(slack, ctx, identity, undefined)) !== 'agent') {
    return { ok: false, text: ONLY_AGENTS };
  }
  const to = click.action === 'create' ? 'accepted' : 'dismissed';
  const handled = await store.handle(suggestion._id, to, click.userId, deps.clock.now());
  if (!handled) {
    const now = await store.byId(click.suggestionId);
    return { ok: false, text: alreadyHandled(now?.state, now?.handledBy) };
  }
  let shown = handled;
  if (to === 'accepted') {
    const message = {
      teamId: suggestion.teamId,
      channelId: suggestion.channelId,
      ts: suggestion.ts,
      text: suggestion.text,
      botUserId: click.botUserId ?? '',
      ...(suggestion.botId ? { botId: suggestion.botId } : { userId: suggestion.authorId }),
    };
    const request = await new RequestIntake(deps, slack).openSuggested(ctx, message);
    if (request) {
      await store.opened(suggestion._id, String(request._id));
      shown = { ...handled, requestId: String(request._id) };
    }
  }
  await new Suggestions(deps, slack).redraw(ctx, shown);
  return { ok: true };
}

function alreadyHandled(state: string | undefined, by: string | null | undefined): string {
  const who = by ? `<@${by}>` : 'someone';
  if (state === 'accepted') {
    return `:information_source: ${who} already created a request from this message. Nothing was changed.`;
  }
  return `:information_source: ${who} already dismissed this suggestion. Nothing was changed.`;
}
