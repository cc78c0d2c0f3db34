import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import type { MessageDoc, Models, RequestDoc } from '../models/index.js';
import { requestOrNull } from './parse.js';
import { outboxEvent } from './webhook-outbox.js';

/** A message just stored in `messages`: its request's update counts it and queues its event. */
export type CountedMessage = Pick<MessageDoc, '_id' | 'kind' | 'createdAt'>;

/** The `$inc` and `$push` of a new message: counted with its `message_created` webhook event. */
const counted = (message: CountedMessage) => ({
  $inc: { [`messageCounts.${message.kind}`]: 1 },
  $push: { webhookEvents: outboxEvent('message_created', message.createdAt, String(message._id)) },
});

/**
 * A request's activity: the messages customers and agents add to it, each counted (with its
 * `message_created` webhook event) in the same single-document update that records it.
 */
export class RequestActivity {
  constructor(private readonly models: Models) {}

  /** Adds a top-level message to a live request; null when it is already there (a retry) or the request is no longer live. */
  group(id: RequestDoc['_id'], ts: string, at: Date): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate(
        { _id: id, groupedTs: { $ne: ts }, rootTs: { $ne: ts }, status: { $in: LIVE_STATUSES } },
        { $push: { groupedTs: ts }, $set: { lastCustomerActivityAt: at, nudgedAt: null } },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
  }

  /**
   * Records a customer's message on the request; returns the request as stored afterwards (read
   * again only when a later message was already recorded), null when it is gone. `message`: the
   * reply just stored, counted in the same write.
   */
  async customerActivity(
    id: RequestDoc['_id'],
    at: Date,
    message?: CountedMessage | null,
  ): Promise<RequestDoc | null> {
    const after = await this.models.requests
      .findOneAndUpdate(
        { _id: id, lastCustomerActivityAt: { $lt: at } },
        { $set: { lastCustomerActivityAt: at, nudgedAt: null }, ...(message && counted(message)) },
        { returnDocument: 'after' },
      )
      .lean()
      .then(requestOrNull);
    if (after) return after;
    if (message) return this.countMessage(id, message);
    return this.models.requests.findById(id).lean().then(requestOrNull);
  }

  /** Counts a newly stored message of the request's threads; the request after it. */
  countMessage(id: RequestDoc['_id'], message: CountedMessage): Promise<RequestDoc | null> {
    return this.models.requests
      .findOneAndUpdate({ _id: id }, counted(message), { returnDocument: 'after' })
      .lean()
      .then(requestOrNull);
  }

  /**
   * Records an agent's reply; sets the first response time once (the conditional filter makes
   * the first writer win). Returns whether this reply was the first response. `message`: the
   * reply just stored, counted in the same write.
   */
  async agentResponse(
    id: RequestDoc['_id'],
    agentId: string,
    at: Date,
    message?: CountedMessage | null,
  ): Promise<boolean> {
    const entry = { at, type: 'first_response', from: null, to: agentId, by: agentId };
    const { $inc, $push } = message ? counted(message) : { $inc: undefined, $push: {} };
    const first = await this.models.requests.updateOne(
      { _id: id, firstResponseAt: null },
      {
        $set: { firstResponseAt: at, lastAgentActivityAt: at },
        $push: { history: entry, ...$push },
        ...($inc && { $inc }),
      },
    );
    if (first.modifiedCount === 1) return true;
    await this.models.requests.updateOne(
      { _id: id },
      { $set: { lastAgentActivityAt: at }, ...(message && counted(message)) },
    );
    return false;
  }
}
