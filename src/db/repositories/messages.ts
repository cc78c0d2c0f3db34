import { isDuplicateKey, parseMessage, type MessageDoc, type Models } from '../models/index.js';
import { containing, isDocumentId } from './parse.js';

/** A message to store: everything but its id and the later edit, deletion and expiry. */
export type NewMessage = Pick<
  MessageDoc,
  'teamId' | 'channelId' | 'ts' | 'requestId' | 'userId' | 'kind' | 'private' | 'text' | 'createdAt'
>;

/** Messages shown per read (the newest; older ones with `before`). */
export const MESSAGES_PER_PAGE = 100;

/**
 * The messages of requests' threads (`MessageDocument`); each write one single-document call
 * keyed by where Slack posted the message, so redeliveries and races change nothing twice.
 */
export class MessageStore {
  constructor(private readonly models: Models) {}

  /** Stores a message once: the stored message, or null when it was there already (a retry). */
  async add(message: NewMessage): Promise<MessageDoc | null> {
    try {
      return parseMessage((await this.models.messages.create(message)).toObject());
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  /**
   * A request's messages, oldest first: the newest `MESSAGES_PER_PAGE`, or those before the
   * message `beforeTs` (its Slack ts).
   */
  async of(requestId: MessageDoc['requestId'], beforeTs?: string): Promise<MessageDoc[]> {
    const docs = await this.models.messages
      .find({ requestId, ...(beforeTs ? { ts: { $lt: beforeTs } } : {}) })
      .sort({ ts: -1 })
      .limit(MESSAGES_PER_PAGE)
      .lean();
    return docs.map(parseMessage).reverse();
  }

  /** Messages by id (those still stored). */
  async byIds(ids: readonly string[]): Promise<MessageDoc[]> {
    const valid = ids.filter(isDocumentId);
    if (valid.length === 0) return [];
    const docs = await this.models.messages.find({ _id: { $in: valid } }).lean();
    return docs.map(parseMessage);
  }

  /** One message of the workspace by id, if any. */
  async byId(teamId: string, id: string): Promise<MessageDoc | null> {
    const doc = isDocumentId(id)
      ? await this.models.messages.findOne({ _id: id, teamId }).lean()
      : null;
    return doc ? parseMessage(doc) : null;
  }

  /** The stored message Slack has at `key`, unless deleted or expired. */
  async live(key: MessageKey): Promise<MessageDoc | null> {
    const doc = await this.models.messages
      .findOne({ ...key, deletedAt: null, expiredAt: null })
      .lean();
    return doc ? parseMessage(doc) : null;
  }

  /**
   * Applies an edit made in Slack; false when the message is not stored, gone, or its text is
   * unchanged (Slack also sends `message_changed` when it unfurls a link).
   */
  async edited(key: MessageKey, text: string, at: Date): Promise<boolean> {
    const live = { ...key, deletedAt: null, expiredAt: null, text: { $ne: text } };
    const result = await this.models.messages.updateOne(live, { $set: { text, editedAt: at } });
    return result.matchedCount === 1;
  }

  /** Applies a deletion made in Slack: the text goes, the message (and its count) stays. */
  async deleted(key: MessageKey, at: Date): Promise<boolean> {
    const result = await this.models.messages.updateOne(
      { ...key, deletedAt: null },
      { $set: { text: null, deletedAt: at } },
    );
    return result.matchedCount === 1;
  }

  /** Ids of the workspace's requests with a message holding `q` (any case). */
  async requestIdsWith(teamId: string, q: string): Promise<MessageDoc['requestId'][]> {
    return this.models.messages.distinct('requestId', { teamId, text: containing(q) });
  }

  /** Blanks the text of messages stored before `before` (retention); answers how many. */
  async expire(before: Date, at: Date): Promise<number> {
    const result = await this.models.messages.updateMany(
      { createdAt: { $lt: before }, text: { $ne: null } },
      { $set: { text: null, expiredAt: at } },
    );
    return result.modifiedCount;
  }
}

/** Where Slack has a message: its workspace, channel and ts. */
export interface MessageKey {
  teamId: string;
  channelId: string;
  ts: string;
}
