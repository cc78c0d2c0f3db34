import type { KnownBlock } from '@slack/types';
import { ACTIONS } from '../constants.js';
import type { SuggestionDoc } from '../db/models/index.js';
import type { SuggestionReason } from '../requests/suggestion.js';
import { button, PREVIEW_HIDDEN, quotedPreview } from './blocks.js';

/** Why the bot was unsure, as the suggestions channel reads it. */
export const SUGGESTION_WHY: Record<SuggestionReason, string> = {
  agent_question: 'a question from the support side, which never opens a request on its own',
  unclear: 'too short to tell what is wanted, and not a question',
  agent_message: 'a message from the support side',
  pleasantry: 'a pleasantry',
  detection_blocked: 'request detection is off for this message',
  discarded_recently: "the customer's previous request was discarded moments ago",
};

export interface SuggestionMessageInput {
  suggestion: Pick<
    SuggestionDoc,
    '_id' | 'channelId' | 'authorId' | 'text' | 'why' | 'state' | 'handledBy' | 'requestId'
  >;
  /** Slack's permalink of the message. */
  link: string;
  /** False for private channels unless show_private_message_previews (and never under hidePrivateChannelMetadata). */
  showPreview: boolean;
  /** hidePrivateChannelMetadata on a private channel: the channel is not named. */
  hideName: boolean;
}

/**
 * A suggested request in the suggestions channel: who wrote what where, why the bot was unsure,
 * a link to the message, and **Create request** / **Dismiss** while it waits; once handled, who
 * did what instead of the buttons. Rebuilt from the stored suggestion and applied with
 * chat.update.
 */
export function suggestionMessage(input: SuggestionMessageInput): {
  text: string;
  blocks: KnownBlock[];
} {
  const { suggestion } = input;
  const where = input.hideName ? 'a private channel' : `<#${suggestion.channelId}>`;
  const preview = input.showPreview ? quotedPreview(suggestion.text) : PREVIEW_HIDDEN;
  const value = String(suggestion._id);
  const waiting = suggestion.state === 'pending' || suggestion.state === 'kept';
  const outcome =
    suggestion.state === 'accepted'
      ? `:white_check_mark: <@${suggestion.handledBy}> created a request from this message.`
      : `:heavy_multiplication_x: <@${suggestion.handledBy}> dismissed this suggestion.`;
  return {
    text: `Suggested request from <@${suggestion.authorId}> in ${where}`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text:
            `:bulb: *Suggested request* from <@${suggestion.authorId}> in ${where}: ` +
            `<${input.link}|View message>\n${preview}`,
        },
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Not opened on its own: ${SUGGESTION_WHY[suggestion.why]}.` },
        ],
      },
      waiting
        ? {
            type: 'actions',
            block_id: `suggestion_${value}`,
            elements: [
              button('Create request', ACTIONS.suggestionCreate, value, 'primary'),
              button('Dismiss', ACTIONS.suggestionDismiss, value),
            ],
          }
        : { type: 'context', elements: [{ type: 'mrkdwn', text: outcome }] },
    ],
  };
}
