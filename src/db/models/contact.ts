import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { FieldValue } from '../../custom-fields/values.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * A workspace's contact (`src/contacts/contact.ts`): a customer who opened a request in Slack
 * (`userId`), or a person known by e-mail only. `identity` (`slack:<user>` or
 * `email:<address>`) is unique per workspace: one contact per Slack user, and an e-mail contact
 * once per address, without a partial index (FerretDB 1.24 has none).
 */
export const ContactDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  identity: z.string(),
  userId: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
  name: z.string().nullable().default(null),
  /** The customer account of the channel the contact last opened a request in. */
  accountId: ObjectId.nullable().default(null),
  /** Values of the workspace's `contact_attribute` definitions, by key (a list, as on requests). */
  customAttributes: z.array(FieldValue).default(() => []),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** When the contact last opened a request (refreshed at most every few minutes). */
  lastActivityAt: z.date().nullable().default(null),
});
export type ContactDoc = z.infer<typeof ContactDocument>;

/** A contact as read from the database, checked once where it is read. */
export const parseContact = (doc: unknown): ContactDoc => ContactDocument.parse(doc);

const ContactSchema = mongooseSchema(ContactDocument, {
  timestamps: true,
  collection: 'contacts',
  minimize: false,
});
ContactSchema.index({ teamId: 1, identity: 1 }, { unique: true });
ContactSchema.index({ teamId: 1, lastActivityAt: -1 });
ContactSchema.index({ teamId: 1, name: 1 });

export type ContactModel = Model<ContactDoc>;
export const contactModel = (db: Connection): ContactModel =>
  db.models.Contact ?? db.model<ContactDoc>('Contact', ContactSchema);
