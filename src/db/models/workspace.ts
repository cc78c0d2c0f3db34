import { Schema, type Connection, type Model } from 'mongoose';
import { StoredSettingsSchema, type StoredSettings } from './settings-level.js';
import { bumpsConfigVersion } from './config-version.js';

/** A Slack workspace (team) the bot is installed in; `_id` is the team id. */
export interface WorkspaceDoc {
  _id: string;
  name?: string;
  enterpriseId?: string;
  /** Bolt's OAuth `Installation`, for multi-workspace installs. */
  installation?: Record<string, unknown>;
  botUserId?: string;
  /** An Enterprise Grid org-wide install: `_id` is the enterprise id, not a team id. */
  isEnterpriseInstall?: boolean;
  /** Users treated as the support team even without being in a Connect partner team. */
  internalUserIds: string[];
  settings: StoredSettings;
  createdAt: Date;
  updatedAt: Date;
}

const WorkspaceSchema = new Schema<WorkspaceDoc>(
  {
    _id: { type: String, required: true },
    name: String,
    enterpriseId: String,
    installation: Schema.Types.Mixed,
    botUserId: String,
    isEnterpriseInstall: Boolean,
    internalUserIds: { type: [String], default: [] },
    settings: { type: StoredSettingsSchema, default: () => ({}) },
  },
  { timestamps: true, collection: 'workspaces', minimize: false },
);

WorkspaceSchema.plugin(bumpsConfigVersion, { volatile: [] });

export type WorkspaceModel = Model<WorkspaceDoc>;
export const workspaceModel = (db: Connection): WorkspaceModel =>
  db.models.Workspace ?? db.model<WorkspaceDoc>('Workspace', WorkspaceSchema);
