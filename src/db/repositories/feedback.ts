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
import type { RatingScale } from '../../feedback/rating.js';

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

  rate(id: string, by: string, scale: RatingScale, rating: number, at: Date) {
    return this.write(id, by, (current) => ratingChange(current, by, scale, rating, at));
  }

  comment(id: string, by: string, text: string, at: Date) {
    return this.write(id, by, (current) => commentChange(current, by, text, at));
  }

  /** `change` returns the new feedback and its history entry, or undefined for no change. */
  private async write(
    requestId: string,
    by: string,
    change: (current: Feedback | null) => FeedbackChange | undefined,
  ): Promise<FeedbackWrite> {
    if (!isRequestId(requestId)) return { kind: 'missing' };
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.models.requests.findById(requestId).lean().then(requestOrNull);
      if (!current) return { kind: 'missing' };
      if (current.requesterId !== by) return { kind: 'refused', request: current };
      const next = change(current.feedback);
      if (!next) return { kind: 'same', request: current };
      const read = current.feedback;
      // The whole sub-document is set: `feedback` may still be null.
      const request = await this.models.requests
        .findOneAndUpdate(
          {
            _id: current._id,
            'feedback.rating': read?.rating ?? null,
            'feedback.scale': read?.scale ?? null,
            'feedback.text': read?.text ?? null,
          },
          { $set: { feedback: next.feedback }, $push: { history: next.history } },
          { returnDocument: 'after' },
        )
        .lean()
        .then(requestOrNull);
      if (request) return { kind: 'stored', previous: current.feedback, request };
    }
    throw new AppError('conflict', 'feedback changed concurrently; try again');
  }
}
