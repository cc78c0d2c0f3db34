import type { WebClient } from '@slack/web-api';
import { isAdminProfile } from '../../commands/access.js';
import type { ChannelDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { slackErrorCode } from '../../slack/safe-call.js';

/** Who ran a `/triage` command, where, and what to answer with. */
export interface CommandContext {
  deps: BotDeps;
  client: WebClient;
  teamId: string;
  channelId: string;
  userId: string;
}

export const NOT_SET_UP =
  "This channel isn't set up for triage yet: run `/triage setup customer` here first " +
  "(or `/triage setup triage` for a triage team's channel).";

/** The channel the command ran in, or a `channel_not_set_up` AppError telling the user to set it up. */
export async function commandChannel(ctx: CommandContext): Promise<ChannelDoc> {
  const channel = await ctx.deps.models.channels
    .findOne({ teamId: ctx.teamId, channelId: ctx.channelId })
    .lean<ChannelDoc>();
  if (!channel) throw new AppError('channel_not_set_up', NOT_SET_UP);
  return channel;
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
