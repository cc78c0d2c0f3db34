import { channelFields, type SlackChannelInfo } from '../../channels/channel.js';
import {
  ChannelDocument,
  type ChannelDoc,
  type ChannelKind,
  type Models,
} from '../models/index.js';
import { channelOrNull, channels } from './parse.js';

/** What Slack says of a channel the bot has not seen yet (`SlackGateway.channelInfo`). */
export type SeenChannel = Pick<
  SlackChannelInfo,
  'name' | 'is_private' | 'is_ext_shared' | 'is_archived'
>;

const Linked = ChannelDocument.pick({ channelId: true, accountId: true });
/** A channel as a picker lists it. */
export const ChannelName = ChannelDocument.pick({ channelId: true, name: true, kind: true });
export type ChannelName = typeof ChannelName._output;

/** Channel reads (parsed) and writes, one single-document call each. */
export class ChannelStore {
  constructor(private readonly models: Models) {}

  find(teamId: string, channelId: string): Promise<ChannelDoc | null> {
    return this.models.channels.findOne({ teamId, channelId }).lean().then(channelOrNull);
  }

  /** Every channel of the workspace the bot knows: id, name and kind, by id. */
  async names(teamId: string): Promise<ChannelName[]> {
    const docs = await this.models.channels
      .find({ teamId }, { channelId: 1, name: 1, kind: 1 })
      .sort({ channelId: 1 })
      .lean();
    return docs.map((doc) => ChannelName.parse(doc));
  }

  /** The workspace's channels among `channelIds` the bot knows. */
  async inTeam(teamId: string, channelIds: string[]): Promise<ChannelDoc[]> {
    const filter = { teamId, channelId: { $in: channelIds } };
    return channels(await this.models.channels.find(filter).lean());
  }

  /** Each customer account of the workspace (by id) and its channels' ids. */
  async byAccount(teamId: string): Promise<Map<string, string[]>> {
    const docs = await this.models.channels
      .find({ teamId, accountId: { $ne: null } }, { channelId: 1, accountId: 1 })
      .lean();
    const owned = new Map<string, string[]>();
    for (const doc of docs.map((d) => Linked.parse(d))) {
      const id = String(doc.accountId);
      owned.set(id, [...(owned.get(id) ?? []), doc.channelId]);
    }
    return owned;
  }

  /** The channel document, in any workspace, that links `channelId` to an account. */
  owned(channelId: string): Promise<ChannelDoc | null> {
    const filter = { channelId, accountId: { $ne: null } };
    return this.models.channels.findOne(filter).lean().then(channelOrNull);
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
      .lean()
      .then(channelOrNull);
  }

  /** Adds to the channel's counters (`counters.*` paths) in one write; its counters after it. */
  async count(id: ChannelDoc['_id'], counts: Record<string, number>) {
    const channel = await this.models.channels
      .findOneAndUpdate({ _id: id }, { $inc: counts }, { returnDocument: 'after' })
      .lean()
      .then(channelOrNull);
    return channel?.counters;
  }

  /** Sets fields of the channel; false when there is no such channel. */
  async set(teamId: string, channelId: string, fields: Partial<ChannelDoc>): Promise<boolean> {
    const result = await this.models.channels.updateOne({ teamId, channelId }, { $set: fields });
    return result.matchedCount > 0;
  }

  async rename(id: ChannelDoc['_id'], name: string): Promise<void> {
    await this.models.channels.updateOne({ _id: id }, { $set: { name } });
  }

  /**
   * Stores what Slack says of a channel and the bot's membership (upserting it), with `set` on
   * top; a new document gets `kindOnInsert`. Returns the channel as stored.
   */
  describe(
    teamId: string,
    info: SlackChannelInfo,
    botIsMember: boolean,
    set: Partial<Pick<ChannelDoc, 'kind' | 'triageChannelId' | 'accountId'>> = {},
    kindOnInsert?: ChannelKind,
  ): Promise<ChannelDoc | null> {
    return this.models.channels
      .findOneAndUpdate(
        { teamId, channelId: info.id },
        {
          $set: { ...channelFields(info, botIsMember), ...set },
          ...(kindOnInsert ? { $setOnInsert: { kind: kindOnInsert } } : {}),
        },
        { upsert: true, returnDocument: 'after' },
      )
      .lean()
      .then(channelOrNull);
  }

  /** When the channel's last out-of-office reply went out; undefined for no such channel. */
  async lastOutOfOfficeReply(id: ChannelDoc['_id']): Promise<Date | null | undefined> {
    const found = await this.models.channels.findById(id, { lastOutOfOfficeReplyAt: 1 }).lean();
    return found ? (found.lastOutOfOfficeReplyAt ?? null) : undefined;
  }

  /** Compare-and-set of the out-of-office reply time: true when it was still `from`. */
  async moveOutOfOfficeReply(id: ChannelDoc['_id'], from: Date | null, to: Date | null) {
    const moved = await this.models.channels.updateOne(
      { _id: id, lastOutOfOfficeReplyAt: from },
      { $set: { lastOutOfOfficeReplyAt: to } },
    );
    return moved.modifiedCount === 1;
  }
}
