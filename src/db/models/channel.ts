import { Schema, Types, type Connection, type Model } from 'mongoose';
import { bumpsConfigVersion } from './config-version.js';
import { StoredSettingsSchema, type StoredSettings } from './settings-level.js';

export const CHANNEL_KINDS = ['customer', 'triage', 'internal'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const ASSIGNMENT_MODES = ['manual', 'first_responder', 'csm'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** A channel the bot knows (a "relationship"), unique per workspace and Slack channel id. */
export interface ChannelDoc {
  _id: Types.ObjectId;
  teamId: string;
  channelId: string;
  name: string;
  isPrivate: boolean;
  isExtShared: boolean;
  isArchived: boolean;
  botIsMember: boolean;
  kind: ChannelKind;
  accountId?: Types.ObjectId | null;
  triageChannelId?: string | null;
  csmUserId?: string | null;
  lastOutOfOfficeReplyAt?: Date | null;
  settings: StoredSettings;
  counters: {
    total_conversations: number;
    total_messages_sent: number;
    total_messages_received: number;
  };
  createdAt: Date;
  updatedAt: Date;
}

const ChannelSchema = new Schema<ChannelDoc>(
  {
    teamId: { type: String, required: true },
    channelId: { type: String, required: true },
    name: { type: String, default: '' },
    isPrivate: { type: Boolean, default: false },
    isExtShared: { type: Boolean, default: false },
    isArchived: { type: Boolean, default: false },
    botIsMember: { type: Boolean, default: false },
    kind: { type: String, enum: CHANNEL_KINDS, default: 'customer' },
    accountId: { type: Schema.Types.ObjectId, default: null },
    triageChannelId: { type: String, default: null },
    csmUserId: { type: String, default: null },
    lastOutOfOfficeReplyAt: { type: Date, default: null },
    settings: { type: StoredSettingsSchema, default: () => ({}) },
    counters: {
      total_conversations: { type: Number, default: 0 },
      total_messages_sent: { type: Number, default: 0 },
      total_messages_received: { type: Number, default: 0 },
    },
  },
  { timestamps: true, collection: 'channels', minimize: false },
);
ChannelSchema.index({ teamId: 1, channelId: 1 }, { unique: true });
ChannelSchema.index({ teamId: 1, accountId: 1 });
// Counters and the out-of-office slot change per message; everything else is configuration.
ChannelSchema.plugin(bumpsConfigVersion, { volatile: ['counters', 'lastOutOfOfficeReplyAt'] });

export type ChannelModel = Model<ChannelDoc>;
export const channelModel = (db: Connection): ChannelModel =>
  db.models.Channel ?? db.model<ChannelDoc>('Channel', ChannelSchema);
