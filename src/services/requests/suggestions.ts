import { channelPrivacy } from '../../channels/privacy.js';
import type { SuggestionDoc } from '../../db/models/index.js';
import type { SuggestionReason } from '../../requests/suggestion.js';
import { SuggestionStore } from '../../db/repositories/suggestions.js';
import type { BotDeps } from '../../deps.js';
import {
  KEEP_PER_CHANNEL,
  suggestionSettings,
  suggestionTarget,
} from '../../requests/suggestion.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { suggestionMessage } from '../../views/suggestion.js';
import type { ChannelContext } from './context.js';

/** The message a suggestion is about (an `IncomingMessage` of intake). */
export interface SuggestedMessage {
  teamId: string;
  channelId: string;
  ts: string;
  text: string;
  userId?: string;
  botId?: string;
}

const logStep = (suggestion: SuggestionDoc, step: string) => ({
  step,
  suggestionId: String(suggestion._id),
  channel: suggestion.channelId,
  ts: suggestion.ts,
});

/**
 * Suggested requests (`src/requests/suggestion.ts`): a message the detector is unsure of is
 * stored once and posted to the suggestions channel with Create request / Dismiss; a message
 * that opens nothing is kept for review (`store_non_suggested_request`).
 */
export class Suggestions {
  private readonly store: SuggestionStore;

  constructor(
    private readonly deps: BotDeps,
    private readonly slack: SlackGateway,
  ) {
    this.store = new SuggestionStore(deps.models);
  }

  /**
   * Stores the suggestion and posts it, once however often Slack delivers the message. False
   * when there is nowhere to post it (no suggestions channel, no triage channel): the message is
   * then treated as if suggestions were off, rather than left where nobody sees it.
   */
  async suggest(
    ctx: ChannelContext,
    message: SuggestedMessage,
    why: SuggestionReason,
  ): Promise<boolean> {
    const target = suggestionTarget(suggestionSettings(ctx.features), ctx.channel.triageChannelId);
    if (!target) return false;
    const { suggestion, created } = await this.store.insert({
      ...this.stored(message),
      why,
      state: 'pending',
    });
    if (!created) return true;
    const posted = await this.slack.post(
      { channel: target, ...(await this.render(ctx, suggestion)), unfurl_links: false },
      { bestEffort: logStep(suggestion, 'suggestion_post') },
    );
    if (posted?.ts) {
      await this.store.posted(suggestion._id, {
        channelId: posted.channel ?? target,
        ts: posted.ts,
      });
    }
    return true;
  }

  /**
   * Keeps a message that opened nothing for review in App Home (`store_non_suggested_request`),
   * once per message, within the channel's cap.
   */
  async keep(message: SuggestedMessage, why: SuggestionReason) {
    const { created } = await this.store.insert({ ...this.stored(message), why, state: 'kept' });
    if (created) await this.store.trimKept(message.teamId, message.channelId, KEEP_PER_CHANNEL);
  }

  /** Redraws a suggestion's message once it has been handled. */
  async redraw(ctx: ChannelContext, suggestion: SuggestionDoc) {
    if (!suggestion.post) return;
    const { channelId, ts } = suggestion.post;
    await this.slack.update(
      { channel: channelId, ts, ...(await this.render(ctx, suggestion)) },
      { bestEffort: logStep(suggestion, 'suggestion_update') },
    );
  }

  private stored(message: SuggestedMessage) {
    return {
      teamId: message.teamId,
      channelId: message.channelId,
      ts: message.ts,
      authorId: (message.userId ?? message.botId) as string,
      botId: message.userId ? undefined : message.botId,
      text: message.text,
    };
  }

  private async render(ctx: ChannelContext, suggestion: SuggestionDoc) {
    const link = await this.slack.permalink(suggestion.channelId, suggestion.ts, {
      bestEffort: logStep(suggestion, 'suggestion_permalink'),
    });
    const privacy = channelPrivacy(ctx.channel.isPrivate, ctx.features);
    return suggestionMessage({ suggestion, link, ...privacy });
  }
}
