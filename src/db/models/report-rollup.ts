import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { COUNTERS, DIMENSIONS } from '../../reports/contributions.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

const Counters = z.object(
  Object.fromEntries(COUNTERS.map((counter) => [counter, z.number().int().default(0)])) as Record<
    (typeof COUNTERS)[number],
    z.ZodDefault<z.ZodNumber>
  >,
);

/**
 * One workspace day × dimension × value of the reports (`src/reports/`): counters kept with
 * `$inc` (upserted) as requests change, so a report reads days, never requests. A counter a
 * write never touched is absent (read as 0).
 */
export const ReportRollupDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  /** The workspace-zone date 'YYYY-MM-DD'. */
  day: z.string(),
  dimension: z.enum(DIMENSIONS as [string, ...string[]]),
  /** The channel, account, agent, label, severity or category; `all` for the workspace. */
  value: z.string(),
  counters: Counters.partial().prefault({}),
});
export type ReportRollupDoc = z.infer<typeof ReportRollupDocument>;
export const parseReportRollup = (doc: unknown): ReportRollupDoc => ReportRollupDocument.parse(doc);

const ReportRollupSchema = mongooseSchema(ReportRollupDocument, {
  collection: 'report_rollups',
  versionKey: false,
  minimize: false,
});
ReportRollupSchema.index({ teamId: 1, dimension: 1, value: 1, day: 1 }, { unique: true });

export type ReportRollupModel = Model<ReportRollupDoc>;
export const reportRollupModel = (db: Connection): ReportRollupModel =>
  db.models.ReportRollup ?? db.model<ReportRollupDoc>('ReportRollup', ReportRollupSchema);
