import { Schema, type Connection, type Model } from 'mongoose';

/** A short-lived named lock; the unique `_id` is what makes acquiring it atomic. */
export interface LockDoc {
  _id: string;
  owner: string;
  leaseUntil: Date;
}

const LockSchema = new Schema<LockDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
  },
  { collection: 'locks', versionKey: false },
);

export type LockModel = Model<LockDoc>;
export const lockModel = (db: Connection): LockModel =>
  db.models.Lock ?? db.model<LockDoc>('Lock', LockSchema);
