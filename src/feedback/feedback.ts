import type { z } from 'zod';
import type { RequestsConfig as Schema } from '../settings/features/requests-config.js';
import type { RatingScale } from './rating.js';

type RequestsConfig = z.infer<typeof Schema>;

/** A request's stored feedback: one rating (on the 1–5 scale) and one comment. */
export interface Feedback {
  rating: number | null;
  scale: string | null;
  text: string | null;
  at: Date | null;
}

/** A feedback write: the new feedback and the history entry saying what changed. */
export interface FeedbackChange {
  feedback: Feedback;
  history: { at: Date; type: string; from?: string | null; to?: string | null; by: string };
}

/**
 * Whether closing a request asks its requester for feedback (`send_feedback`), and the claim key
 * that makes the ask happen once per close: only a change into `closed`, with `csat_send_for`
 * `REQUEST` (with `TICKET`, feedback belongs to tickets). The key holds `closedAt`, so a request
 * reopened and closed again is asked again. Undefined when nothing is asked.
 *
 * @example
 * // closed at 2026-01-05T10:00:00.000Z, send_feedback on, csat_send_for REQUEST
 * feedbackAskKey(…); // 'feedback:<id>:2026-01-05T10:00:00.000Z'
 */
export function feedbackAskKey(
  before: { status: string },
  after: { _id: unknown; status: string; closedAt: Date | null },
  config: Pick<RequestsConfig, 'send_feedback'>,
  csatSendFor: string,
): string | undefined {
  if (after.status !== 'closed' || before.status === 'closed' || !after.closedAt) return undefined;
  if (!config.send_feedback || csatSendFor !== 'REQUEST') return undefined;
  return `feedback:${String(after._id)}:${after.closedAt.toISOString()}`;
}

/**
 * With `csat_send_for` `TICKET` (and `send_feedback` on), the requester is asked for feedback
 * when an internal ticket of their request is marked Done: once per request, however many of
 * its tickets finish or however often Done is clicked. The claim key, else undefined.
 *
 * @example
 * ticketFeedbackAskKey({ _id: 'r1' }, 'done', { send_feedback: true }, 'TICKET'); // 'feedback:ticket:r1'
 */
export function ticketFeedbackAskKey(
  request: { _id: unknown },
  ticketStatus: string,
  config: Pick<RequestsConfig, 'send_feedback'>,
  csatSendFor: string,
): string | undefined {
  if (ticketStatus !== 'done' || !config.send_feedback || csatSendFor !== 'TICKET')
    return undefined;
  return `feedback:ticket:${String(request._id)}`;
}

/**
 * Where the team hears of feedback (`send_request_feedback_received_message`): its own channel
 * when set, else the request's triage channel; undefined when off or neither is set.
 */
export function feedbackNoticeChannel(
  config: Pick<
    RequestsConfig,
    'send_request_feedback_received_message' | 'send_request_feedback_received_message_channel'
  >,
  triageChannelId: string | null | undefined,
): string | undefined {
  if (!config.send_request_feedback_received_message) return undefined;
  return config.send_request_feedback_received_message_channel ?? triageChannelId ?? undefined;
}

/**
 * A rating by `by`: replaces the stored rating (keeping the comment), with a history entry from
 * the old rating to the new; undefined when it is the rating already stored.
 */
export function ratingChange(
  current: Feedback | null,
  by: string,
  scale: RatingScale,
  rating: number,
  at: Date,
): FeedbackChange | undefined {
  if (current?.rating === rating && current.scale === scale) return undefined;
  return {
    feedback: { rating, scale, text: current?.text ?? null, at },
    history: {
      at,
      type: 'feedback',
      from: current?.rating == null ? null : String(current.rating),
      to: String(rating),
      by,
    },
  };
}

/** A comment by `by`: replaces the stored one (keeping the rating); undefined when unchanged. */
export function commentChange(
  current: Feedback | null,
  by: string,
  text: string,
  at: Date,
): FeedbackChange | undefined {
  if (current?.text === text) return undefined;
  return {
    feedback: { rating: current?.rating ?? null, scale: current?.scale ?? null, text, at },
    history: { at, type: 'feedback_comment', by },
  };
}

/**
 * Whether a rating click opens the comment modal: text feedback is asked for
 * (`request_for_text_feedback`), the click stored a new rating, and no comment was given yet.
 */
export function opensCommentModal(
  kind: 'stored' | 'same',
  askForComment: boolean,
  comment: string | null | undefined,
): boolean {
  return askForComment && kind === 'stored' && !comment;
}
