import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/** A workspace's canned response (`src/desk/canned.ts`); short code unique per workspace. */
export const CannedResponseDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  shortCode: z.string(),
  content: z.string(),
  /** Who made it: the Slack user who created the API token it was written with. */
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CannedResponseDoc = z.infer<typeof CannedResponseDocument>;

/** A response as read from the database, checked once where it is read. */
export const parseCannedResponse = (doc: unknown): CannedResponseDoc =>
  CannedResponseDocument.parse(doc);

const CannedResponseSchema = mongooseSchema(CannedResponseDocument, {
  timestamps: true,
  collection: 'canned_responses',
});
CannedResponseSchema.index({ teamId: 1, shortCode: 1 }, { unique: true });

export type CannedResponseModel = Model<CannedResponseDoc>;
export const cannedResponseModel = (db: Connection): CannedResponseModel =>
  db.models.CannedResponse ?? db.model<CannedResponseDoc>('CannedResponse', CannedResponseSchema);
