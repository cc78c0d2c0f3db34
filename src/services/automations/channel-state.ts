import type { JoinedChannel } from '../../automations/join.js';
import type { ChannelKind, Greeting, Models } from '../../db/models/index.js';
import { AppError } from '../../errors.js';
import { Features } from '../../settings/features.js';
import type { SettingsService } from '../settings.js';

const DUPLICATE_KEY = 11000;

/** Whether a MongoDB write failed on a unique index (another writer got there first). */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}

/**
 * The features that apply to a channel: its effective settings when the bot knows it, else the
 * workspace's (a channel that was just created has no account or settings of its own yet).
 */
export async function featuresFor(
  settings: SettingsService,
  teamId: string,
  channelId: string,
): Promise<Features> {
  try {
    return await settings.effective(teamId, channelId);
  } catch (error) {
    const unknown =
      error instanceof AppError &&
      (error.code === 'channel_not_found' || error.code === 'forbidden_workspace');
    if (!unknown) throw error;
    return Features.parse((await settings.workspace(teamId, false)).features);
  }
}

/**
 * Claims the greeting of `userId`'s arrival in a channel by inserting into the unique
 * `welcomes` index: true for the one caller whose insert won, false when the arrival was
 * greeted before (or another delivery of the same event is greeting it right now).
 */
export async function claimGreeting(
  models: Models,
  arrival: { teamId: string; channelId: string; userId: string },
  greeting: Greeting,
): Promise<boolean> {
  try {
    await models.welcomes.create({ ...arrival, greeting });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Frees a claim whose greeting could not be shown, so the next arrival is greeted. */
export async function releaseGreeting(
  models: Models,
  arrival: { teamId: string; channelId: string; userId: string },
): Promise<void> {
  await models.welcomes.deleteOne(arrival);
}

/**
 * Records that the bot is in `channel`: upserts the channel document (new documents get `kind`
 * and start as not joined), then flips `botIsMember` from false to true in one conditional
 * update. Answers true for the caller whose update made that transition. On MongoDB that is
 * exactly one caller; FerretDB 1.24 does not make conditional updates atomic, so callers that
 * announce the join also take {@link claimGreeting}, which is atomic on both.
 */
export async function markBotJoined(
  models: Models,
  teamId: string,
  channel: JoinedChannel,
  kindOnInsert: ChannelKind,
): Promise<boolean> {
  const filter = { teamId, channelId: channel.channelId };
  const upsert = () =>
    models.channels.updateOne(
      filter,
      {
        $set: {
          name: channel.name,
          isPrivate: channel.isPrivate,
          isExtShared: channel.isExtShared,
          isArchived: channel.isArchived,
        },
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
  const flipped = await models.channels.updateOne(
    { ...filter, botIsMember: { $ne: true } },
    { $set: { botIsMember: true } },
  );
  return flipped.modifiedCount === 1;
}
