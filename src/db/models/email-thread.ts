import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * A request that came in by e-mail (issue 15): how later mail finds it (every Message-ID of the
 * conversation, and the `+token` of the address the bot replies from) and whom replies go to.
 * `_id` is the request's id, so a request has one e-mail thread.
 */
export const EmailThreadDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  channelId: z.string(),
  rootTs: z.string(),
  /** The mapped address the customer wrote to, lower case; replies are sent from it. */
  mailbox: z.string(),
  /** Random, in the reply address `local+token@domain`: a reply without headers still finds us. */
  token: z.string(),
  contactEmail: z.string(),
  contactName: z.string().nullable(),
  subject: z.string().nullable(),
  /** Message-IDs of every mail in the thread, the customer's and the bot's, oldest first. */
  messageIds: z.array(z.string()),
  /**
   * When it was recorded, by the bot's clock: replies stored after it are the ones its hook
   * mails (null: recorded before this was kept; `createdAt` stands in).
   */
  openedAt: z.date().nullable().default(null),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type EmailThreadDoc = z.infer<typeof EmailThreadDocument>;
export const parseEmailThread = (doc: unknown): EmailThreadDoc => EmailThreadDocument.parse(doc);

const EmailThreadSchema = mongooseSchema(EmailThreadDocument, {
  timestamps: true,
  collection: 'email_threads',
});
EmailThreadSchema.index({ token: 1 }, { unique: true });
EmailThreadSchema.index({ mailbox: 1, messageIds: 1 });

export type EmailThreadModel = Model<EmailThreadDoc>;
export const emailThreadModel = (db: Connection): EmailThreadModel =>
  db.models.EmailThread ?? db.model<EmailThreadDoc>('EmailThread', EmailThreadSchema);

/**
 * An inbound message being posted in a channel, keyed `<teamId>/<channelId>/<Message-ID>`:
 * written before the Slack post (`ts` null, held until `lockedUntil`), given the post's `ts`
 * right after it. A sender retrying a message whose delivery was cut off finds it and does not
 * post it again; it only finishes what was left (request, contact, e-mail thread).
 */
export const EmailArrivalDocument = z.object({
  _id: z.string(),
  ts: z.string().nullable(),
  lockedUntil: z.date(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type EmailArrivalDoc = z.infer<typeof EmailArrivalDocument>;
export const parseEmailArrival = (doc: unknown): EmailArrivalDoc => EmailArrivalDocument.parse(doc);

const EmailArrivalSchema = mongooseSchema(EmailArrivalDocument, {
  timestamps: true,
  collection: 'email_arrivals',
});
EmailArrivalSchema.index({ createdAt: 1 });

export type EmailArrivalModel = Model<EmailArrivalDoc>;
export const emailArrivalModel = (db: Connection): EmailArrivalModel =>
  db.models.EmailArrival ?? db.model<EmailArrivalDoc>('EmailArrival', EmailArrivalSchema);
