import type { KnownBlock } from '@slack/types';
import { ACTIONS } from '../constants.js';
import {
  CHOICES,
  choiceOf,
  choiceText,
  ratingLabel,
  ratingValue,
  type RatingScale,
  type RatingTarget,
} from '../feedback/rating.js';
import { escapeMrkdwn, messageLink, truncate, userMention } from '../text/mrkdwn.js';

interface Message {
  text: string;
  blocks: KnownBlock[];
}

/**
 * The rating buttons. Each has its own `action_id` (`feedback_rating:<choice>`: Slack wants them
 * unique within a block); the chosen one, if any, is highlighted.
 */
function ratingButtons(
  requestId: string,
  scale: RatingScale,
  chosen?: number,
  target: RatingTarget = 'request',
) {
  const selected = chosen === undefined ? undefined : choiceOf(scale, chosen);
  return CHOICES[scale].map((choice) => ({
    type: 'button' as const,
    text: { type: 'plain_text' as const, text: choiceText(choice), emoji: true },
    action_id: `${ACTIONS.feedbackRating}:${choice}`,
    value: ratingValue(requestId, choice, target),
    ...(choice === selected ? { style: 'primary' as const } : {}),
  }));
}

const FIVE_POINT_HINT: KnownBlock = {
  type: 'context',
  elements: [{ type: 'mrkdwn', text: '1 = very poor · 5 = excellent' }],
};

/** The question asked when a request closes (`feedback_message`) with its rating buttons. */
export function feedbackPrompt(input: {
  requestId: string;
  message: string;
  scale: RatingScale;
  target?: RatingTarget;
}): Message {
  return {
    text: input.message,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: input.message } },
      {
        type: 'actions',
        block_id: 'feedback_rating',
        elements: ratingButtons(input.requestId, input.scale, undefined, input.target),
      },
      ...(input.scale === '5_POINTS' ? [FIVE_POINT_HINT] : []),
    ],
  };
}

/**
 * What the prompt becomes once rated: the thanks, and the buttons again with the rating given
 * highlighted, so the customer can still change it (a second click replaces the rating); with
 * `request_for_text_feedback`, a button to add or edit a comment.
 */
export function feedbackThanks(input: {
  requestId: string;
  scale: RatingScale;
  rating: number;
  askForComment: boolean;
  hasComment: boolean;
  target?: RatingTarget;
}): Message {
  const text = `Thanks for your feedback! (${ratingLabel(input.scale, input.rating)})`;
  const comment = {
    type: 'button' as const,
    text: {
      type: 'plain_text' as const,
      text: input.hasComment ? 'Edit comment' : 'Add a comment',
    },
    action_id: ACTIONS.feedbackComment,
    value: input.requestId,
  };
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: 'feedback_rating',
        elements: [
          ...ratingButtons(input.requestId, input.scale, input.rating, input.target),
          ...(input.askForComment ? [comment] : []),
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Changed your mind? Pick another rating.' }],
      },
    ],
  };
}

/** Where feedback came from, for the `send_request_feedback_received_message` notice. */
interface Origin {
  requesterId: string;
  channelId: string;
  rootTs: string;
}

const onRequest = (o: Origin) =>
  `on <${messageLink(o.channelId, o.rootTs)}|a request> from ${userMention(o.requesterId)} in <#${o.channelId}>`;

/**
 * The notice posted when a rating is stored: a first rating, or a change that names the rating
 * it replaced.
 *
 * @example
 * feedbackReceivedText({ ...origin, scale: '2_POINTS', rating: 1, previous: { scale: '2_POINTS', rating: 5 } });
 * // ':speech_balloon: Feedback on <…|a request> from <@U1> in <#C1>: 👎 (changed from 👍)'
 * // with `ticketLabel: '#42'`: ':speech_balloon: Feedback on ticket #42 on <…|a request> …'
 */
export function feedbackReceivedText(
  input: Origin & {
    scale: RatingScale;
    rating: number;
    previous?: { scale: string | null; rating: number } | null;
    /** A ticket's rating (ticket CSAT): the ticket, as the card shows it. */
    ticketLabel?: string;
  },
): string {
  const changed = input.previous
    ? ` (changed from ${ratingLabel(input.previous.scale, input.previous.rating)})`
    : '';
  const of = input.ticketLabel ? ` on ticket ${input.ticketLabel}` : '';
  return `:speech_balloon: Feedback${of} ${onRequest(input)}: ${ratingLabel(input.scale, input.rating)}${changed}`;
}

/** The notice posted when a comment is stored (`edited` when it replaced an earlier one). */
export function feedbackCommentReceivedText(
  input: Origin & { text: string; edited: boolean },
): string {
  const quoted = truncate(escapeMrkdwn(input.text), 2000).replace(/\n/g, '\n>');
  return `:speech_balloon: ${input.edited ? 'Edited comment' : 'Comment'} ${onRequest(input)}:\n>${quoted}`;
}
