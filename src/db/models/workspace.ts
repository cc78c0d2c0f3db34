import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { bumpsConfigVersion } from './config-version.js';
import { StoredSettingsField } from './settings-level.js';
import { mongooseSchema } from './zod-schema.js';

/** A Slack workspace (team) the bot is installed in; `_id` is the team id. */
export const WorkspaceDocument = z.object({
  _id: z.string(),
  name: z.string().optional(),
  enterpriseId: z.string().optional(),
  /** Bolt's OAuth `Installation`, for multi-workspace installs. */
  installation: z.record(z.string(), z.unknown()).optional(),
  botUserId: z.string().optional(),
  /** An Enterprise Grid org-wide install: `_id` is the enterprise id, not a team id. */
  isEnterpriseInstall: z.boolean().optional(),
  /** Users treated as the support team even without being in a Connect partner team. */
  internalUserIds: z.array(z.string()).default(() => []),
  settings: StoredSettingsField,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type WorkspaceDoc = z.infer<typeof WorkspaceDocument>;

const WorkspaceSchema = mongooseSchema(WorkspaceDocument, {
  timestamps: true,
  collection: 'workspaces',
  minimize: false,
});

WorkspaceSchema.plugin(bumpsConfigVersion, { volatile: [] });

export type WorkspaceModel = Model<WorkspaceDoc>;
export const workspaceModel = (db: Connection): WorkspaceModel =>
  db.models.Workspace ?? db.model<WorkspaceDoc>('Workspace', WorkspaceSchema);
