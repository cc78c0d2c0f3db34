import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema } from './zod-schema.js';

/** "This happened once": a unique key inserted by whoever does a once-only thing first. */
export const ClaimDocument = z.object({ _id: z.string(), at: z.date() });
export type ClaimDoc = z.infer<typeof ClaimDocument>;

const ClaimSchema = mongooseSchema(ClaimDocument, { collection: 'claims', versionKey: false });
ClaimSchema.index({ at: 1 });

export type ClaimModel = Model<ClaimDoc>;
export const claimModel = (db: Connection): ClaimModel =>
  db.models.Claim ?? db.model<ClaimDoc>('Claim', ClaimSchema);

const DUPLICATE_KEY = 11000;

/**
 * True for the first caller with this key, false for every later one, on every engine and
 * across instances (a unique-key insert is atomic where conditional updates may not be).
 */
export async function claimOnce(claims: ClaimModel, key: string, at: Date): Promise<boolean> {
  try {
    await claims.create({ _id: key, at });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
    throw error;
  }
}
