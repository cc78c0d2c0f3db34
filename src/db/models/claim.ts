import { batcherOf } from '../insert-batcher.js';
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

/** Whether a MongoDB write failed on a unique index (another writer got there first). */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

/**
 * True for the first caller with this key, false for every later one, on every engine and
 * across instances (a unique-key insert is atomic where conditional updates may not be).
 * Claims made at the same moment go to the database together (`InsertBatcher`'s group commit).
 */
export function claimOnce(claims: ClaimModel, key: string, at: Date): Promise<boolean> {
  return batcherOf(claims).insert({ _id: key, at });
}

/** `claimOnce` for many keys at once: the keys this caller got first. */
export async function claimMany(
  claims: ClaimModel,
  keys: readonly string[],
  at: Date,
): Promise<Set<string>> {
  const got = await Promise.all(keys.map((key) => claimOnce(claims, key, at)));
  return new Set(keys.filter((_, index) => got[index]));
}

/** Frees a claim whose once-only effect did not happen, so a later attempt may take it. */
export async function releaseClaim(claims: ClaimModel, key: string): Promise<void> {
  await claims.deleteOne({ _id: key });
}
