import type { Model } from 'mongoose';
import { claimMany, type ClaimModel } from '../models/index.js';

/** A document an outbox worker leases: due at `nextAttemptAt`, held until `lockedUntil`. */
interface Leasable {
  _id: unknown;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  attempts: number;
}

/**
 * Takes up to `limit` pending documents due at `now` for `leaseMs` and counts their attempts, in
 * three calls whatever the number: one read, one group insert of claims (`claimMany`) on the
 * state each was read in (its due time and the lease it replaces: `<prefix>:<id>:<due>:<lock>`),
 * one update of those won. A conditional update is not atomic on FerretDB 1.24, a unique insert
 * is: of two instances that read the same state, one takes it and the other does not.
 */
export async function leaseDue<D, T extends Leasable>(
  target: { model: Model<D>; claims: ClaimModel; parse: (doc: unknown) => T },
  claim: { prefix: string; idOf: (doc: T) => string },
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<T[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const due = await target.model
    .find({
      status: 'pending',
      nextAttemptAt: { $lte: now },
      $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }],
    })
    .sort({ nextAttemptAt: 1 })
    .limit(limit)
    .lean();
  const read = due.map(target.parse);
  const keyOf = (doc: T) =>
    `${claim.prefix}:${claim.idOf(doc)}:${doc.nextAttemptAt.getTime()}:${doc.lockedUntil?.getTime() ?? 0}`;
  const won = await claimMany(target.claims, read.map(keyOf), now);
  const mine = read.filter((doc) => won.has(keyOf(doc)));
  if (mine.length === 0) return [];
  await target.model.updateMany(
    { _id: { $in: mine.map((doc) => doc._id) } },
    { $set: { lockedUntil }, $inc: { attempts: 1 } },
  );
  return mine.map((doc) => ({ ...doc, attempts: doc.attempts + 1, lockedUntil }));
}
