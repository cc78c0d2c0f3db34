import type { JoinedChannel } from '../../automations/join.js';
import { isDuplicateKey, type ChannelKind, type Greeting, type Models } from '../models/index.js';

/** Someone's arrival in a channel (the bot's own, under its user id). */
export interface Arrival {
  teamId: string;
  channelId: string;
  userId: string;
}

/** Arrivals in channels: the bot's joins, and the once-ever greetings (`welcomes`). */
export class ArrivalStore {
  constructor(private readonly models: Models) {}

  /**
   * Claims the greeting of an arrival by inserting into the unique `welcomes` index: true for
   * the one caller whose insert won, false when the arrival was greeted before (or another
   * delivery of the same event is greeting it right now).
   */
  async claimGreeting(arrival: Arrival, greeting: Greeting): Promise<boolean> {
    try {
      await this.models.welcomes.create({ ...arrival, greeting });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Frees a claim whose greeting could not be shown, so the next arrival is greeted. */
  async releaseGreeting(arrival: Arrival): Promise<void> {
    await this.models.welcomes.deleteOne(arrival);
  }

  /**
   * Records that the bot is in `channel`: upserts the channel document (new documents get `kind`
   * and start as not joined), then flips `botIsMember` from false to true in one conditional
   * update. Answers true for the caller whose update made that transition. On MongoDB that is
   * exactly one caller; FerretDB 1.24 does not make conditional updates atomic, so callers that
   * announce the join also take {@link claimGreeting}, which is atomic on both.
   */
  async botJoined(teamId: string, channel: JoinedChannel, kindOnInsert: ChannelKind) {
    const filter = { teamId, channelId: channel.channelId };
    const { name, isPrivate, isExtShared, isArchived } = channel;
    const upsert = () =>
      this.models.channels.updateOne(
        filter,
        {
          $set: { name, isPrivate, isExtShared, isArchived },
          $setOnInsert: { kind: kindOnInsert, botIsMember: false },
        },
        { upsert: true },
      );
    try {
      await upsert();
    } catch (error) {
      // Two upserts raced to insert; the loser's retry finds the document and updates it.
      if (!isDuplicateKey(error)) throw error;
      await upsert();
    }
    const flipped = await this.models.channels.updateOne(
      { ...filter, botIsMember: { $ne: true } },
      { $set: { botIsMember: true } },
    );
    return flipped.modifiedCount === 1;
  }
}
