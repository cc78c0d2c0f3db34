import type { FieldChange, FieldValue } from '../../custom-fields/values.js';
import type { Models, RequestDoc } from '../models/index.js';
import { keyValue, listIs, requestOrNull } from './parse.js';
import { outboxEvent } from './webhook-outbox.js';

/** The custom field values of requests (`src/custom-fields/values.ts` decides; this writes). */
export class FieldValueStore {
  constructor(private readonly models: Models) {}

  /**
   * Sets a request's custom field values when they are still `from` (what the decision read),
   * with one history entry per field changed; null when someone else changed them meanwhile.
   */
  set(
    id: RequestDoc['_id'],
    from: readonly FieldValue[],
    to: readonly FieldValue[],
    changes: readonly FieldChange[],
    by: string,
    at: Date,
  ): Promise<RequestDoc | null> {
    const entries = changes.map((change) => ({ ...change, type: 'custom_field', at, by }));
    return this.models.requests
      .findOneAndUpdate(
        {
          _id: id,
          // A request stored before custom fields existed has no list at all.
          ...listIs('customFields', from),
        },
        {
          $set: { customFields: to.map(keyValue) },
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
