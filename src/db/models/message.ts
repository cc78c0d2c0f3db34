import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * A message of a request's thread after the opening one (which is the request's `text`): a
 * customer's or an agent's reply, or a private note in the triage card's thread. A collection
 * of its own rather than an array on the request: a thread has no length limit (a document has
 * 16 MB), the hot request reads stay small, and FerretDB 1.24 applies neither `$push`'s
 * `$slice` nor the positional `$` an edit of an array element needs. `(teamId, channelId, ts)`
 * is unique, so a redelivered event stores nothing twice.
 */
export const MessageDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  /** Where it was posted: the request's channel, or the triage channel for a private note. */
  channelId: z.string(),
  ts: z.string(),
  requestId: ObjectId,
  /** Slack user id of its author (a bot's id for a bot's message). */
  userId: z.string(),
  /** `incoming`: the customer's; `outgoing`: the support side's. */
  kind: z.enum(['incoming', 'outgoing']),
  /** A note in the triage card's thread, never shown to the customer. */
  private: z.boolean().default(false),
  /** Null once deleted in Slack or past `MESSAGE_RETENTION_DAYS`. */
  text: z.string().nullable(),
  createdAt: z.date(),
  editedAt: z.date().nullable().default(null),
  deletedAt: z.date().nullable().default(null),
  /** When retention blanked its text. */
  expiredAt: z.date().nullable().default(null),
});
export type MessageDoc = z.infer<typeof MessageDocument>;

/** A message as read from the database, checked once where it is read. */
export const parseMessage = (doc: unknown): MessageDoc => MessageDocument.parse(doc);

const MessageSchema = mongooseSchema(MessageDocument, { collection: 'messages' });
MessageSchema.index({ teamId: 1, channelId: 1, ts: 1 }, { unique: true });
MessageSchema.index({ requestId: 1, ts: 1 });
MessageSchema.index({ createdAt: 1 });

export type MessageModel = Model<MessageDoc>;
export const messageModel = (db: Connection): MessageModel =>
  db.models.Message ?? db.model<MessageDoc>('Message', MessageSchema);
