import { z } from 'zod';
import { FeedbackRating } from '../settings/features/requests-config.js';

/** `feedback_rating`: which buttons the customer is shown. */
export type RatingScale = z.infer<typeof FeedbackRating>;

/** What one rating button stands for: 👍 / 👎 on the 2-point scale, 1–5 on the 5-point one. */
export const RatingChoice = z.enum(['up', 'down', '1', '2', '3', '4', '5']);
export type RatingChoice = z.infer<typeof RatingChoice>;

/** The buttons of each scale, in the order they are shown. */
export const CHOICES: Readonly<Record<RatingScale, readonly RatingChoice[]>> = {
  '2_POINTS': ['up', 'down'],
  '5_POINTS': ['1', '2', '3', '4', '5'],
};

/** The rating stored for a thumb: 👍 is the top of the 1–5 scale, 👎 the bottom. */
const THUMB_RATING = { up: 5, down: 1 } as const;

/**
 * What a click means. Every stored `feedback.rating` is on one 1–5 scale, whatever buttons were
 * shown (👍 = 5, 👎 = 1), so ratings of every channel compare and average alike (CSAT = share of
 * ratings ≥ 4); `feedback.scale` keeps which buttons were shown, so a rating reads back as it
 * was given.
 *
 * @example
 * ratingOf('up'); // { scale: '2_POINTS', rating: 5 }
 * ratingOf('3'); // { scale: '5_POINTS', rating: 3 }
 */
export function ratingOf(choice: RatingChoice): { scale: RatingScale; rating: number } {
  if (choice === 'up' || choice === 'down') {
    return { scale: '2_POINTS', rating: THUMB_RATING[choice] };
  }
  return { scale: '5_POINTS', rating: Number(choice) };
}

/** The button that gives `rating` on `scale` (on the 2-point scale, 3 and above is 👍). */
export function choiceOf(scale: RatingScale, rating: number): RatingChoice {
  if (scale === '2_POINTS') return rating >= 3 ? 'up' : 'down';
  return String(Math.min(5, Math.max(1, Math.round(rating)))) as RatingChoice;
}

/** A button's text. */
export function choiceText(choice: RatingChoice): string {
  if (choice === 'up') return '👍';
  if (choice === 'down') return '👎';
  return choice;
}

/**
 * How a stored rating reads to people: 👍 / 👎, or `n/5`. A rating stored without its scale (none
 * is, but documents are data) reads as `n/5`.
 *
 * @example
 * ratingLabel('2_POINTS', 1); // '👎'
 * ratingLabel('5_POINTS', 4); // '4/5'
 */
export function ratingLabel(scale: string | null | undefined, rating: number): string {
  if (scale === '2_POINTS') return choiceText(choiceOf('2_POINTS', rating));
  return `${rating}/5`;
}

/** What a rating is of: the request (`request`), or its helpdesk ticket (`ticket`, ticket CSAT). */
export type RatingTarget = 'request' | 'ticket';

const RATING_VALUE = /^(ticket:)?([0-9a-f]{24}):(up|down|[1-5])$/;

/**
 * A rating button's `value`: the request and the choice, e.g. `6740c0ffee0123456789abcd:up`;
 * a ticket's rating starts `ticket:`.
 */
export function ratingValue(
  requestId: string,
  choice: RatingChoice,
  target: RatingTarget = 'request',
): string {
  return `${target === 'ticket' ? 'ticket:' : ''}${requestId}:${choice}`;
}

/** Reads a rating button's `value` back; undefined when it is not one. */
export function parseRatingValue(
  value: string | undefined,
): { requestId: string; choice: RatingChoice; target: RatingTarget } | undefined {
  const match = RATING_VALUE.exec(value ?? '');
  if (!match) return undefined;
  return {
    requestId: match[2] as string,
    choice: RatingChoice.parse(match[3]),
    target: match[1] ? 'ticket' : 'request',
  };
}
