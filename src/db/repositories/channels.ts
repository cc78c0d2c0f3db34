import type { ChannelDoc, ChannelKind, Models } from '../models/index.js';

/** What Slack says of a channel the bot has not seen yet (`lookUpChannel`). */
export interface SeenChannel {
  name: string;
  is_private: boolean;
  is_ext_shared: boolean;
  is_archived: boolean;
}

/** Channel reads and writes of the request path, one single-document call each. */
export class ChannelStore {
  constructor(private readonly models: Models) {}

  find(teamId: string, channelId: string): Promise<ChannelDoc | null> {
    return this.models.channels.findOne({ teamId, channelId }).lean<ChannelDoc>();
  }

  /** Registers a channel seen for the first time; a concurrent registration's document wins. */
  register(teamId: string, channelId: string, info: SeenChannel, kind: ChannelKind) {
    return this.models.channels
      .findOneAndUpdate(
        { teamId, channelId },
        {
          $setOnInsert: {
            name: info.name,
            isPrivate: info.is_private,
            isExtShared: info.is_ext_shared,
            isArchived: info.is_archived,
            botIsMember: true,
            kind,
          },
        },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<ChannelDoc>();
  }

  /** Adds to the channel's counters (`counters.*` paths) in one write; its counters after it. */
  async count(id: ChannelDoc['_id'], counts: Record<string, number>) {
    const channel = await this.models.channels
      .findOneAndUpdate({ _id: id }, { $inc: counts }, { returnDocument: 'after' })
      .lean<ChannelDoc>();
    return channel?.counters;
  }
}
