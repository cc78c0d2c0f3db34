import type { CategoryChange, CategoryValue } from '../../requests/classification.js';
import type { Classification } from '../../requests/ai-classification.js';
import type { AiSuggestion, Models, RequestDoc } from '../models/index.js';
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
    return this.swap(id, { field: 'severity', type: 'severity', was: from }, from, to, by, at);
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

  /** Sets the subtype of a request whose subtype is still `from`, with a history entry. */
  subType(
    id: RequestDoc['_id'],
    from: string | null,
    to: string | null,
    by: string,
    at: Date,
  ): Promise<RequestDoc | null> {
    // Stored before the field existed: no `subType` at all is the same as null.
    const was = from === null ? { $in: [null] } : from;
    return this.swap(id, { field: 'subType', type: 'subtype', was }, from, to, by, at);
  }

  /** One field set from `from` (as `was` matches it) to `to`, with its history entry and event. */
  private swap(
    id: RequestDoc['_id'],
    how: { field: 'severity' | 'subType'; type: 'severity' | 'subtype'; was: unknown },
    from: string | null,
    to: string | null,
    by: string,
    at: Date,
  ): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, status: { $ne: 'discarded' }, [how.field]: how.was },
        {
          $set: { [how.field]: to },
          $push: {
            history: { at, type: how.type, from, to, by },
            webhookEvents: outboxEvent('conversation_updated', at),
          },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }

  /** Stores the model's suggestion on a request that has none yet (a retried event keeps the first). */
  suggest(id: RequestDoc['_id'], suggestion: Classification, at: Date): Promise<RequestDoc | null> {
    const stored: AiSuggestion = {
      ...suggestion,
      at,
      state: 'pending',
      by: null,
      settledAt: null,
    };
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, aiSuggestion: { $in: [null] } },
        { $set: { aiSuggestion: stored } },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }

  /**
   * Applies or dismisses a pending suggestion, `by` the clicker: the first click wins (null for
   * any later one, or when there is no pending suggestion).
   */
  settleSuggestion(
    id: RequestDoc['_id'],
    state: 'applied' | 'dismissed',
    by: string,
    at: Date,
  ): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, 'aiSuggestion.state': 'pending' },
        {
          $set: {
            'aiSuggestion.state': state,
            'aiSuggestion.by': by,
            'aiSuggestion.settledAt': at,
          },
        },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }
}
