import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * Tokens a workspace's AI calls used in one month (`YYYY-MM`, UTC), as the provider's `usage`
 * reported them, added with `$inc` after each call; the monthly budget reads it before one.
 */
export const AiUsageDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  tokens: z.number().int().min(0),
  calls: z.number().int().min(0).default(0),
});
export type AiUsageDoc = z.infer<typeof AiUsageDocument>;
export const parseAiUsage = (doc: unknown): AiUsageDoc => AiUsageDocument.parse(doc);

const AiUsageSchema = mongooseSchema(AiUsageDocument, { collection: 'ai_usage' });
AiUsageSchema.index({ teamId: 1, month: 1 }, { unique: true });

export type AiUsageModel = Model<AiUsageDoc>;
export const aiUsageModel = (db: Connection): AiUsageModel =>
  db.models.AiUsage ?? db.model<AiUsageDoc>('AiUsage', AiUsageSchema);
