import type { WebClient } from '@slack/web-api';
import { AppError, validationError, type ErrorDetail } from '../errors.js';
import type { AccountDoc, Models } from '../db/models/index.js';
import { channelFields, type SlackChannelInfo } from '../channels/channel.js';

/** `conversations.info`, mapped to what a channel document keeps; undefined when Slack has no such channel. */
export async function lookUpChannel(
  client: WebClient,
  channelId: string,
): Promise<SlackChannelInfo | undefined> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    return {
      id: channelId,
      name: channel?.name ?? channelId,
      is_private: Boolean(channel?.is_private),
      is_ext_shared: Boolean(channel?.is_ext_shared || channel?.is_shared),
      is_archived: Boolean(channel?.is_archived),
      is_member: Boolean(channel?.is_member),
    };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found') return undefined;
    throw error;
  }
}

/**
 * Creates a customer account and links its channels (names from Slack). Every channel is looked
 * up and checked before anything is written; a channel already owned by another account is refused.
 */
export async function createAccount(
  models: Models,
  client: WebClient,
  teamId: string,
  input: { name: string; channels: string[] },
): Promise<{ account: AccountDoc; channels: string[] }> {
  const channelIds = [...new Set(input.channels)];
  const problems: ErrorDetail[] = [];
  if (await models.accounts.exists({ teamId, name: input.name })) {
    problems.push({
      loc: ['body', 'name'],
      msg: `an account named "${input.name}" exists`,
      type: 'duplicate',
    });
  }
  const infos: SlackChannelInfo[] = [];
  for (const [index, channelId] of input.channels.entries()) {
    if (channelIds.indexOf(channelId) !== index) continue;
    const owned = await models.channels.findOne({ channelId, accountId: { $ne: null } }).lean();
    if (owned && owned.teamId !== teamId) {
      throw new AppError(
        'forbidden_workspace',
        `channel ${channelId} belongs to another workspace`,
      );
    }
    if (owned) {
      problems.push({
        loc: ['body', 'channels', index],
        msg: `channel ${channelId} already belongs to an account`,
        type: 'duplicate',
      });
      continue;
    }
    const info = await lookUpChannel(client, channelId);
    if (!info) {
      problems.push({
        loc: ['body', 'channels', index],
        msg: `Slack has no channel ${channelId} (or it is private and the bot is not in it)`,
        type: 'channel_not_found',
      });
    } else infos.push(info);
  }
  if (problems.length > 0) throw validationError(problems);

  const account = await models.accounts.create({ teamId, name: input.name });
  for (const info of infos) {
    await models.channels.updateOne(
      { teamId, channelId: info.id },
      {
        $set: { accountId: account._id, ...channelFields(info) },
        $setOnInsert: { kind: 'customer' },
      },
      { upsert: true },
    );
  }
  return { account: account.toObject(), channels: infos.map((info) => info.id) };
}
