import { createHash, randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { WebhookEvent } from '../../desk/webhook.js';
import {
  isDuplicateKey,
  parseRequest,
  parseWebhookDelivery,
  type Models,
  type OutboxEvent,
  type RequestDoc,
  type WebhookDeliveryDoc,
} from '../models/index.js';
import { batcherOf } from '../insert-batcher.js';
import { leaseDue } from './lease.js';
import { isDocumentId } from './parse.js';

/**
 * A new event for a request's outbox: its id is the idempotency key every attempt carries.
 * `messageId`: the message a `message_created` event is about.
 */
export const outboxEvent = (event: WebhookEvent, at: Date, messageId?: string): OutboxEvent => ({
  id: randomUUID(),
  event,
  at,
  ...(messageId ? { messageId } : {}),
});

/**
 * An event whose id is a function of `key` (a UUID-shaped SHA-256 prefix): queued again for the
 * same happening (a Slack event worked twice), it is the same event and is delivered once.
 */
export function keyedOutboxEvent(
  event: WebhookEvent,
  at: Date,
  key: string,
  messageId?: string,
): OutboxEvent {
  const hex = createHash('sha256').update(`${event}:${key}`).digest('hex');
  const id = [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ];
  return { ...outboxEvent(event, at, messageId), id: id.join('-') };
}

/** A delivery to store: one event for one webhook, its body fixed. */
export interface NewDelivery {
  teamId: string;
  webhookId: string;
  /** A rule's `send_webhook_event` address (sent unsigned). */
  url?: string;
  eventId: string;
  event: WebhookEvent;
  body: string;
  nextAttemptAt: Date;
}

/** What one attempt came to, for `settle`. */
export interface Settled {
  delivery: Pick<WebhookDeliveryDoc, '_id' | 'attempts'>;
  outcome: {
    status: WebhookDeliveryDoc['status'];
    nextAttemptAt?: Date;
    statusCode: number | null;
    error: string | null;
    deliveredAt?: Date;
  };
}

/** How long one instance holds a delivery it is sending before another may take it over. */
export const LEASE_MS = 60_000;
/** Deliveries a log lists, newest first. */
const LOG_SIZE = 100;

/**
 * The webhook outbox: events waiting on requests (`webhookEvents`), and the deliveries they
 * become (`webhook_deliveries`). Moving an event is store-then-pull, each idempotent, so a
 * crash in between stores it again harmlessly (the unique `(webhookId, eventId)`).
 */
export class WebhookOutbox {
  constructor(private readonly models: Models) {}

  /**
   * Queues an event on a request's outbox, unless it waits there already (a keyed event queued
   * again); one already moved to deliveries is stored again harmlessly (the unique key).
   */
  async queue(requestId: RequestDoc['_id'], event: OutboxEvent): Promise<void> {
    await this.models.requests.updateOne(
      { _id: requestId, 'webhookEvents.id': { $ne: event.id } },
      { $push: { webhookEvents: event } },
    );
  }

  /** Requests with events waiting. */
  async waiting(limit: number): Promise<RequestDoc[]> {
    const docs = await this.models.requests
      .find({ 'webhookEvents.id': { $exists: true } })
      .limit(limit)
      .lean();
    return docs.map(parseRequest);
  }

  /** Stores deliveries; one already stored (the same event drained again) is kept as it is. */
  async store(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    try {
      await this.models.webhookDeliveries.insertMany(deliveries, { ordered: false });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Stores deliveries already leased for their first attempt (`attempts` 1, held `LEASE_MS`) and
   * answers those this call stored: the unique insert is the lease, so of two instances draining
   * the same event one gets it and sends it, and the other gets nothing. Saves the read, the
   * claims and the update a lease takes (`lease`) for every new delivery.
   */
  async storeLeased(deliveries: NewDelivery[], now: Date): Promise<WebhookDeliveryDoc[]> {
    const lockedUntil = new Date(now.getTime() + LEASE_MS);
    // The schema's defaults fill the rest (pending, no outcome yet); no mongoose document built.
    const docs = deliveries.map((delivery) =>
      parseWebhookDelivery({
        _id: new Types.ObjectId(),
        ...delivery,
        attempts: 1,
        lockedUntil,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const batcher = batcherOf(this.models.webhookDeliveries);
    const stored = await Promise.all(docs.map((doc) => batcher.insert(doc)));
    return docs.filter((_, index) => stored[index]);
  }

  /**
   * Takes the drained events off their requests, in one call. `$pullAll` of the events as read
   * (FerretDB has no `$pull` by a condition on an element's field); events pushed meanwhile stay.
   */
  async pull(drained: RequestDoc[]): Promise<void> {
    if (drained.length === 0) return;
    await this.models.requests.bulkWrite(
      drained.map((request) => ({
        updateOne: {
          filter: { _id: request._id },
          update: { $pullAll: { webhookEvents: request.webhookEvents } },
          // Draining is no change to the request: its `updatedAt` (the last activity) stays.
          timestamps: false,
        },
      })),
    );
  }

  /**
   * Takes up to `limit` due deliveries for `LEASE_MS` and counts their attempts (`leaseDue`: of
   * two instances that read the same state, one sends it and the other does not).
   */
  async lease(now: Date, limit: number): Promise<WebhookDeliveryDoc[]> {
    const { webhookDeliveries: model, claims } = this.models;
    const target = { model, claims, parse: parseWebhookDelivery };
    const claim = { prefix: 'webhook-attempt', idOf: (d: WebhookDeliveryDoc) => String(d._id) };
    return leaseDue(target, claim, now, limit, LEASE_MS);
  }

  /**
   * Records the attempts' outcomes and lets go of their leases, in one call: one `updateMany` per
   * distinct outcome (a batch that all went through is one update). The attempts are the taker's
   * count (a taker that lost the claim may have counted one too).
   */
  async settle(settled: readonly Settled[]): Promise<void> {
    if (settled.length === 0) return;
    const groups = new Map<
      string,
      { set: Partial<WebhookDeliveryDoc>; ids: WebhookDeliveryDoc['_id'][] }
    >();
    for (const { delivery, outcome } of settled) {
      const set: Partial<WebhookDeliveryDoc> = {
        attempts: delivery.attempts,
        status: outcome.status,
        lockedUntil: null,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error,
        ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
        ...(outcome.deliveredAt ? { deliveredAt: outcome.deliveredAt } : {}),
      };
      const key = JSON.stringify(set);
      const group = groups.get(key) ?? { set, ids: [] };
      group.ids.push(delivery._id);
      groups.set(key, group);
    }
    await this.models.webhookDeliveries.bulkWrite(
      [...groups.values()].map(({ set, ids }) => ({
        updateMany: { filter: { _id: { $in: ids } }, update: { $set: set } },
      })),
    );
  }

  /** A webhook's deliveries, newest first. */
  async log(webhookId: string): Promise<WebhookDeliveryDoc[]> {
    const docs = await this.models.webhookDeliveries
      .find({ webhookId })
      .sort({ createdAt: -1, _id: -1 })
      .limit(LOG_SIZE)
      .lean();
    return docs.map(parseWebhookDelivery);
  }

  /**
   * Sends a delivery again now (same body and `id`), with a fresh set of attempts; null for a
   * delivery that is not this webhook's.
   */
  async redeliver(
    webhookId: string,
    deliveryId: string,
    now: Date,
  ): Promise<WebhookDeliveryDoc | null> {
    if (!isDocumentId(deliveryId)) return null;
    const doc = await this.models.webhookDeliveries
      .findOneAndUpdate(
        { _id: deliveryId, webhookId },
        { $set: { status: 'pending', nextAttemptAt: now, attempts: 0, deliveredAt: null } },
        { returnDocument: 'after' },
      )
      .lean();
    return doc ? parseWebhookDelivery(doc) : null;
  }

  /** Forgets a deleted webhook's deliveries. */
  async forget(webhookId: string): Promise<void> {
    await this.models.webhookDeliveries.deleteMany({ webhookId });
  }
}
