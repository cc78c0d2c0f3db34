import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { FILTER_OPERATORS } from '../../desk/automation.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

/**
 * An agent's saved conversation filter (seed 003's custom filter): its conditions as stored, in
 * the automation rules' condition language (`src/desk/filters.ts`).
 */
export const CustomFilterDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  /** The agent it belongs to: the Slack user whose token saved it. */
  userId: z.string(),
  name: z.string(),
  filterType: z.enum(['conversation']),
  conditions: z.array(
    z.object({
      attribute_key: z.string(),
      filter_operator: z.enum(FILTER_OPERATORS),
      values: z.array(z.unknown()),
      query_operator: z.enum(['and', 'or']).nullable(),
    }),
  ),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CustomFilterDoc = z.infer<typeof CustomFilterDocument>;
export const parseCustomFilter = (doc: unknown): CustomFilterDoc => CustomFilterDocument.parse(doc);

const FilterSchema = mongooseSchema(CustomFilterDocument, {
  timestamps: true,
  collection: 'custom_filters',
});
FilterSchema.index({ teamId: 1, userId: 1, createdAt: 1 });

export type CustomFilterModel = Model<CustomFilterDoc>;
export const customFilterModel = (db: Connection): CustomFilterModel =>
  db.models.CustomFilter ?? db.model<CustomFilterDoc>('CustomFilter', FilterSchema);
