import type { WebClient } from '@slack/web-api';
import type { ChannelDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import type { Logger } from '../../logger.js';
import { bestEffort, slackErrorCode } from '../../slack/safe-call.js';
import { claimGreeting, releaseGreeting } from './channel-state.js';

/** Someone other than the bot joined a channel. */
export interface MemberJoined {
  teamId: string;
  channelId: string;
  userId: string;
}

/**
 * `member_joined_channel` for a person: in a known customer channel with
 * `should_send_welcome_message` on, shows `welcome_message` to a joining customer as an
 * ephemeral (only they see it, so the channel is not filled with greetings), once per person
 * per channel, ever. The claim is a unique `welcomes` document inserted before posting: only
 * the delivery whose insert wins posts. A person who already left (`user_not_in_channel`) keeps
 * the claim; any other failed post frees it, so their next join is welcomed.
 */
export async function welcomeMember(
  deps: BotDeps,
  client: WebClient,
  event: MemberJoined,
): Promise<void> {
  const { teamId, channelId, userId } = event;
  const channel = await deps.models.channels.findOne({ teamId, channelId }).lean<ChannelDoc>();
  if (!channel || channel.kind !== 'customer') return;
  const config = (await deps.settings.effective(teamId, channelId)).requests.config;
  if (!config.should_send_welcome_message || config.welcome_message.trim() === '') return;

  const logger = deps.logger.child({ automation: 'welcome', teamId, channelId, userId });
  const customer = await isCustomer(deps, client, logger, channel, userId);
  if (customer !== true) return;

  // Welcomed before, or another delivery of this join is welcoming them right now.
  if (!(await claimGreeting(deps.models, event, 'welcome'))) return;
  try {
    await client.chat.postEphemeral({
      channel: channelId,
      user: userId,
      text: config.welcome_message,
    });
  } catch (error) {
    const slackError = slackErrorCode(error);
    logger.warn({ slackError, err: error }, 'welcome message not shown');
    if (slackError !== 'user_not_in_channel') await releaseGreeting(deps.models, event);
  }
}

/**
 * Whether the person is on the customer side: from another Slack team (Slack Connect); or, in
 * a channel that is not shared, neither listed in the workspace's `internalUserIds` nor a
 * member of the channel's triage channel. Undefined when Slack could not say (then nobody is
 * greeted, rather than greeting an agent).
 */
async function isCustomer(
  deps: BotDeps,
  client: WebClient,
  logger: Logger,
  channel: ChannelDoc,
  userId: string,
): Promise<boolean | undefined> {
  const found = await bestEffort(logger, { method: 'users.info' }, () =>
    client.users.info({ user: userId }),
  );
  const user = found?.user;
  if (!user) return undefined;
  if (user.is_bot || user.deleted) return false;
  if (user.team_id && user.team_id !== channel.teamId) return true;
  if (channel.isExtShared) return false; // our own team's people in a Connect channel are staff
  const workspace = await deps.models.workspaces.findById(channel.teamId).lean();
  if (workspace?.internalUserIds.includes(userId)) return false;
  if (!channel.triageChannelId) return true;
  const inTriage = await isMember(client, logger, channel.triageChannelId, userId);
  return inTriage === undefined ? undefined : !inTriage;
}

/** Whether `userId` is in `channelId`, page by page; undefined when Slack refuses to say. */
async function isMember(
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
