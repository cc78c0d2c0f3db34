import type { WebClient } from '@slack/web-api';
import type { SlackChannelInfo } from '../channels/channel.js';
import { isAdminProfile } from '../commands/access.js';
import type { Logger } from '../logger.js';
import { bestEffort, slackErrorCode } from './safe-call.js';
import { messageLink } from '../text/mrkdwn.js';

/**
 * Slack reads the services share: what a channel or person is, as plain data. Each answers
 * `undefined` (or false) where Slack has no answer the caller can use, as documented per function.
 */

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
    if (slackErrorCode(error) === 'channel_not_found') return undefined;
    throw error;
  }
}

/** A channel's id by its name as typed (`#name`): Slack sends plain names to commands that do not escape channels. */
export async function channelIdByName(
  client: WebClient,
  name: string,
): Promise<string | undefined> {
  const pages = client.paginate('conversations.list', {
    types: 'public_channel,private_channel',
    exclude_archived: true,
    limit: 200,
  });
  for await (const page of pages) {
    const { channels = [] } = page as { channels?: { id?: string; name?: string }[] };
    const hit = channels.find((channel) => channel.name === name);
    if (hit?.id) return hit.id;
  }
  return undefined;
}

/** Whether `userId` is in `channelId`, page by page; undefined when Slack refuses to say. */
export async function isChannelMember(
  client: WebClient,
  logger: Logger,
  channelId: string,
  userId: string,
): Promise<boolean | undefined> {
  let cursor: string | undefined;
  do {
    const page = await bestEffort(logger, { method: 'conversations.members', channelId }, () =>
      client.conversations.members({ channel: channelId, limit: 200, cursor }),
    );
    if (!page) return undefined;
    if (page.members?.includes(userId)) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}

/**
 * Whether Slack says the user administers the workspace (admin, owner or primary owner). Asked
 * on every write rather than cached, so a demoted admin loses access at once.
 */
export async function isWorkspaceAdmin(client: WebClient, userId: string): Promise<boolean> {
  try {
    const { user } = await client.users.info({ user: userId });
    return isAdminProfile(user);
  } catch (error) {
    if (slackErrorCode(error) === 'user_not_found') return false;
    throw error;
  }
}

/** A person's display name and picture, to post under; empty when Slack does not say. */
export async function userIdentity(
  client: WebClient,
  logger: Logger,
  userId: string,
): Promise<{ username?: string; icon_url?: string }> {
  const info = await bestEffort(logger, { method: 'users.info', user: userId }, () =>
    client.users.info({ user: userId }),
  );
  const profile = info?.user?.profile;
  if (!profile) return {};
  return { username: profile.display_name || profile.real_name, icon_url: profile.image_72 };
}

/** Slack's permalink of a message, or the archive URL Slack redirects from when it cannot give one. */
export async function permalink(
  client: WebClient,
  logger: Logger,
  channel: string,
  ts: string,
): Promise<string> {
  const answer = await bestEffort(logger, { method: 'chat.getPermalink', channel, ts }, () =>
    client.chat.getPermalink({ channel, message_ts: ts }),
  );
  return answer?.permalink ?? messageLink(channel, ts);
}
