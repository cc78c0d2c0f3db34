import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { TokenRole } from '../../commands/token.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/** A bearer token for the HTTP API, stored as a SHA-256 hash and scoped to one workspace. */
export const ApiTokenDocument = z.object({
  _id: ObjectId,
  hash: z.string(),
  /** The first characters, so an admin can tell tokens apart without the secret. */
  prefix: z.string(),
  teamId: z.string(),
  createdBy: z.string(),
  /** What the token may do (`TokenRole`); tokens made before roles were all admins'. */
  role: TokenRole.default('administrator'),
  /** What the token is called in history entries (`by: api:<name>`). */
  name: z.string().default(''),
  lastUsedAt: z.date().nullable().default(null),
  revokedAt: z.date().nullable().default(null),
  createdAt: z.date(),
});
export type ApiTokenDoc = z.infer<typeof ApiTokenDocument>;

const ApiTokenSchema = mongooseSchema(ApiTokenDocument, {
  timestamps: { createdAt: true, updatedAt: false },
  collection: 'api_tokens',
});
ApiTokenSchema.index({ hash: 1 }, { unique: true });
ApiTokenSchema.index({ teamId: 1 });

export type ApiTokenModel = Model<ApiTokenDoc>;
export const apiTokenModel = (db: Connection): ApiTokenModel =>
  db.models.ApiToken ?? db.model<ApiTokenDoc>('ApiToken', ApiTokenSchema);
