import type { CategoryChange, CategoryValue } from '../../requests/classification.js';
import type { Models, RequestDoc } from '../models/index.js';
import { requestOrNull } from './parse.js';
import { outboxEvent } from './webhook-outbox.js';

/** A request's classification: severity and tags (`src/requests/classification.ts` decides; this writes). */
export class ClassificationStore {
  constructor(private readonly models: Models) {}

  /**
   * Sets the severity of a request that is not discarded and whose severity is still `from` (what
   * the decision read), with a history entry; null when someone else changed it meanwhile.
   */
  severity(
    id: RequestDoc['_id'],
    from: string | null,
    to: string | null,
    by: string,
    at: Date,
  ): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, status: { $ne: 'discarded' }, severity: from },
        {
          $set: { severity: to },
          $push: {
            history: { at, type: 'severity', from, to, by },
            webhookEvents: outboxEvent('conversation_updated', at),
          },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }

  /** Replaces the tags of a request whose tags are still `from`; the history says both lists. */
  tags(
    id: RequestDoc['_id'],
    from: readonly string[],
    to: readonly string[],
    by: string,
    at: Date,
  ): Promise<RequestDoc | null> {
    const entry = {
      at,
      type: 'tags',
      from: from.join(', ') || null,
      to: to.join(', ') || null,
      by,
    };
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, status: { $ne: 'discarded' }, tags: [...from] },
        {
          $set: { tags: [...to] },
          $push: { history: entry, webhookEvents: outboxEvent('conversation_updated', at) },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }

  /**
   * Sets a request's category values when they are still `from` (what the decision read), with
   * the history entries the change records (`capture_change`); null when someone else changed
   * them meanwhile. Setting values clears the "needs category" flag once none is missing.
   */
  categories(
    id: RequestDoc['_id'],
    from: readonly CategoryValue[],
    change: CategoryChange,
    by: string,
    at: Date,
  ): Promise<RequestDoc | null> {
    const entries = change.history.map((h) => ({ ...h, at, by }));
    const values = change.values.map(({ name, value }) => ({ name, value }));
    return this.models.requests
      .findOneAndUpdate(
        {
          _id: id,
          status: { $ne: 'discarded' },
          categories: from.map(({ name, value }) => ({ name, value })),
        },
        {
          $set: { categories: values },
          $push: {
            history: { $each: entries },
            webhookEvents: outboxEvent('conversation_updated', at),
          },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }
}
