import { AppError } from '../../errors.js';
import type { Models, RequestDoc } from '../models/index.js';
import { requestOrNull } from './parse.js';
import {
  commentChange,
  ratingChange,
  type Feedback,
  type FeedbackChange,
} from '../../feedback/feedback.js';
import { isRequestId } from '../../feedback/comment.js';
import type { RatingScale, RatingTarget } from '../../feedback/rating.js';

/** Compare-and-set attempts of one feedback write under concurrent writers. */
const MAX_ATTEMPTS = 10;

/** What storing feedback did. `same`: the rating given was already the stored one. */
export type FeedbackWrite =
  | { kind: 'missing' }
  | { kind: 'refused'; request: RequestDoc }
  | { kind: 'same'; request: RequestDoc }
  | { kind: 'stored'; previous: Feedback | null; request: RequestDoc };

/**
 * Feedback writes. One rating per request: a new rating replaces the stored one (and says which
 * it replaced in the history). Only the requester's feedback is taken. Each write is a
 * compare-and-set on the feedback read, so a racing rating or comment is never lost: the loser
 * reads again and applies its change to the winner's feedback.
 */
export class FeedbackStore {
  constructor(private readonly models: Models) {}

  /** A rating of the request, or (`ticket`) of its helpdesk ticket (`ticket.feedback`). */
  rate(
    id: string,
    by: string,
    scale: RatingScale,
    rating: number,
    at: Date,
    target: RatingTarget = 'request',
  ) {
    return this.write(id, by, (current) => ratingChange(current, by, scale, rating, at), target);
  }

  comment(id: string, by: string, text: string, at: Date) {
    return this.write(id, by, (current) => commentChange(current, by, text, at));
  }

  /** `change` returns the new feedback and its history entry, or undefined for no change. */
  private async write(
    requestId: string,
    by: string,
    change: (current: Feedback | null) => FeedbackChange | undefined,
    target: RatingTarget = 'request',
  ): Promise<FeedbackWrite> {
    const path = target === 'ticket' ? 'ticket.feedback' : 'feedback';
    if (!isRequestId(requestId)) return { kind: 'missing' };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.models.requests.findById(requestId).lean().then(requestOrNull);
      if (!current) return { kind: 'missing' };
      if (target === 'ticket' && !current.ticket) return { kind: 'missing' };
      if (current.requesterId !== by) return { kind: 'refused', request: current };
      const read = target === 'ticket' ? (current.ticket?.feedback ?? null) : current.feedback;
      const next = change(read);
      if (!next) return { kind: 'same', request: current };
      const type = target === 'ticket' ? `ticket_${next.history.type}` : next.history.type;
      // The whole sub-document is set: `feedback` may still be null.
      const request = await this.models.requests
        .findOneAndUpdate(
          {
            _id: current._id,
            ...(target === 'ticket' ? { 'ticket.id': current.ticket?.id } : {}),
            [`${path}.rating`]: read?.rating ?? null,
            [`${path}.scale`]: read?.scale ?? null,
            [`${path}.text`]: read?.text ?? null,
          },
          { $set: { [path]: next.feedback }, $push: { history: { ...next.history, type } } },
          { returnDocument: 'after' },
        )
        .lean()
        .then(requestOrNull);
      if (request) return { kind: 'stored', previous: read, request };
    }
    throw new AppError('conflict', 'feedback changed concurrently; try again');
  }
}
