import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { WebhookEvent } from '../../desk/webhook.js';
import { SealedSecret } from '../../settings/secrets.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/** A workspace's webhook (`src/desk/webhook.ts`); its signing secret sealed with the settings key. */
export const WebhookDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  url: z.string(),
  subscriptions: z.array(WebhookEvent),
  secret: SealedSecret,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WebhookDoc = z.infer<typeof WebhookDocument>;
export const parseWebhook = (doc: unknown): WebhookDoc => WebhookDocument.parse(doc);

const WebhookSchema = mongooseSchema(WebhookDocument, { timestamps: true, collection: 'webhooks' });
WebhookSchema.index({ teamId: 1 });

export type WebhookModel = Model<WebhookDoc>;
export const webhookModel = (db: Connection): WebhookModel =>
  db.models.Webhook ?? db.model<WebhookDoc>('Webhook', WebhookSchema);

export const DeliveryStatus = z.enum(['pending', 'delivered', 'failed']);

/**
 * One event for one webhook: the body is fixed when the event is drained from the request's
 * outbox, so every attempt (and a redelivery) sends the same `id`. `(webhookId, eventId)` is
 * unique, so draining the same event twice stores it once; `lockedUntil` is the lease of the
 * instance sending it.
 */
export const WebhookDeliveryDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  /** The webhook's id, or `rule:<id>` for a rule's `send_webhook_event`. */
  webhookId: z.string(),
  /** Where a rule's `send_webhook_event` posts (sent unsigned); null: the webhook's URL. */
  url: z.string().nullable().default(null),
  eventId: z.string(),
  event: WebhookEvent,
  body: z.string(),
  status: DeliveryStatus.default('pending'),
  attempts: z.number().int().min(0).default(0),
  nextAttemptAt: z.date(),
  lockedUntil: z.date().nullable().default(null),
  lastStatusCode: z.number().int().nullable().default(null),
  lastError: z.string().nullable().default(null),
  deliveredAt: z.date().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WebhookDeliveryDoc = z.infer<typeof WebhookDeliveryDocument>;
export const parseWebhookDelivery = (doc: unknown): WebhookDeliveryDoc =>
  WebhookDeliveryDocument.parse(doc);

const DeliverySchema = mongooseSchema(WebhookDeliveryDocument, {
  timestamps: true,
  collection: 'webhook_deliveries',
});
DeliverySchema.index({ webhookId: 1, eventId: 1 }, { unique: true });
DeliverySchema.index({ status: 1, nextAttemptAt: 1 });
DeliverySchema.index({ webhookId: 1, createdAt: -1 });

export type WebhookDeliveryModel = Model<WebhookDeliveryDoc>;
export const webhookDeliveryModel = (db: Connection): WebhookDeliveryModel =>
  db.models.WebhookDelivery ?? db.model<WebhookDeliveryDoc>('WebhookDelivery', DeliverySchema);
