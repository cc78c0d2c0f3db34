import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { ChannelKind } from '../../channels/channel.js';
import { RoutingMode } from '../../desk/teams.js';
import { bumpsConfigVersion } from './config-version.js';
import { StoredSettingsField } from './settings-level.js';
import { mongooseSchema, ObjectId } from './zod-schema.js';

export { ChannelKind };

/** A channel the bot knows (a "relationship"), unique per workspace and Slack channel id. */
export const ChannelDocument = z.object({
  _id: ObjectId,
  teamId: z.string(),
  channelId: z.string(),
  name: z.string().default(''),
  isPrivate: z.boolean().default(false),
  isExtShared: z.boolean().default(false),
  isArchived: z.boolean().default(false),
  botIsMember: z.boolean().default(false),
  kind: ChannelKind.default('customer'),
  accountId: ObjectId.nullable().default(null),
  triageChannelId: z.string().nullable().default(null),
  csmUserId: z.string().nullable().default(null),
  /** Round-robin or load-balanced routing of new requests to a desk team (issue 12). */
  routing: z
    .object({
      mode: RoutingMode,
      deskTeamId: z.string(),
      capacity: z.number().int().nullable().default(null),
    })
    .nullable()
    .default(null),
  lastOutOfOfficeReplyAt: z.date().nullable().default(null),
  settings: StoredSettingsField,
  counters: z.object({
    total_conversations: z.number().default(0),
    total_messages_sent: z.number().default(0),
    total_messages_received: z.number().default(0),
  }),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ChannelDoc = z.infer<typeof ChannelDocument>;

/** A channel as read from the database, checked once where it is read. */
export const parseChannel = (doc: unknown): ChannelDoc => ChannelDocument.parse(doc);

const ChannelSchema = mongooseSchema(ChannelDocument, {
  timestamps: true,
  collection: 'channels',
  minimize: false,
});
ChannelSchema.index({ teamId: 1, channelId: 1 }, { unique: true });
ChannelSchema.index({ teamId: 1, accountId: 1 });
// Counters and the out-of-office slot change per message; everything else is configuration.
ChannelSchema.plugin(bumpsConfigVersion, { volatile: ['counters', 'lastOutOfOfficeReplyAt'] });

export type ChannelModel = Model<ChannelDoc>;
export const channelModel = (db: Connection): ChannelModel =>
  db.models.Channel ?? db.model<ChannelDoc>('Channel', ChannelSchema);
