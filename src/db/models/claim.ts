import { Schema, type Connection, type Model } from 'mongoose';

/** "This happened once": a unique key inserted by whoever does a once-only thing first. */
export interface ClaimDoc {
  _id: string;
  at: Date;
}

const ClaimSchema = new Schema<ClaimDoc>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'claims', versionKey: false },
);
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
