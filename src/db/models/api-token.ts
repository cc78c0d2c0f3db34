import { Schema, Types, type Connection, type Model } from 'mongoose';

/** A bearer token for the HTTP API, stored as a SHA-256 hash and scoped to one workspace. */
export interface ApiTokenDoc {
  _id: Types.ObjectId;
  hash: string;
  /** The first characters, so an admin can tell tokens apart without the secret. */
  prefix: string;
  teamId: string;
  createdBy: string;
  lastUsedAt?: Date | null;
  revokedAt?: Date | null;
  createdAt: Date;
}

const ApiTokenSchema = new Schema<ApiTokenDoc>(
  {
    hash: { type: String, required: true, unique: true },
    prefix: { type: String, required: true },
    teamId: { type: String, required: true, index: true },
    createdBy: { type: String, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, collection: 'api_tokens' },
);

export type ApiTokenModel = Model<ApiTokenDoc>;
export const apiTokenModel = (db: Connection): ApiTokenModel =>
  db.models.ApiToken ?? db.model<ApiTokenDoc>('ApiToken', ApiTokenSchema);
