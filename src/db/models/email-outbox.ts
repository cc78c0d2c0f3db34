import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * An agent's reply to send by e-mail (issue 15): queued once per stored message (`_id` is the
 * message's id, so a hook run twice queues nothing more), sent by the e-mail worker through
 * `SMTP_RELAY_URL` under a lease, tried again on failure, and kept with its opens. A CSAT ask
 * (`csat` set) goes the same way, with rating links instead of a pixel.
 */
export const EmailOutboxDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  requestId: ObjectId,
  from: z.string(),
  fromName: z.string().nullable(),
  replyTo: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  /** The reply's own Message-ID, fixed when queued: every attempt sends the same one. */
  messageId: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  /**
   * Unguessable (128 random bits): the reply's `/t/<id>.gif` (`tracked` false: no pixel), or for
   * a CSAT ask the token of its `/csat/<id>/<rating>` links.
   */
  pixelId: z.string(),
  tracked: z.boolean(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.date(),
  /** A worker's lease: another instance leaves the entry alone until it passes. */
  lockedUntil: z.date().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.date().nullable(),
  opens: z.number(),
  lastOpenedAt: z.date().nullable(),
  /** A CSAT ask: the scale its links offer and when they stop working; null for a reply. */
  csat: z
    .object({ scale: z.enum(['2_POINTS', '5_POINTS']), expiresAt: z.date() })
    .nullable()
    .default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type EmailOutboxDoc = z.infer<typeof EmailOutboxDocument>;
export const parseEmailOutbox = (doc: unknown): EmailOutboxDoc => EmailOutboxDocument.parse(doc);

const EmailOutboxSchema = mongooseSchema(EmailOutboxDocument, {
  timestamps: true,
  collection: 'email_outbox',
});
EmailOutboxSchema.index({ status: 1, nextAttemptAt: 1 });
EmailOutboxSchema.index({ requestId: 1 });
EmailOutboxSchema.index({ pixelId: 1 }, { unique: true });

export type EmailOutboxModel = Model<EmailOutboxDoc>;
export const emailOutboxModel = (db: Connection): EmailOutboxModel =>
  db.models.EmailOutbox ?? db.model<EmailOutboxDoc>('EmailOutbox', EmailOutboxSchema);
