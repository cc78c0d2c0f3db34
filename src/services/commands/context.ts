import type { WebClient } from '@slack/web-api';
import type { ChannelDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import { NOT_SET_UP } from '../../commands/setup.js';
import { AppError } from '../../errors.js';

/** Who ran a `/triage` command, where, and what to answer with. */
export interface CommandContext {
  deps: BotDeps;
  client: WebClient;
  teamId: string;
  channelId: string;
  userId: string;
}

/** The channel the command ran in, or a `channel_not_set_up` AppError telling the user to set it up. */
export async function commandChannel(ctx: CommandContext): Promise<ChannelDoc> {
  const channel = await ctx.deps.models.channels
    .findOne({ teamId: ctx.teamId, channelId: ctx.channelId })
    .lean<ChannelDoc>();
  if (!channel) throw new AppError('channel_not_set_up', NOT_SET_UP);
  return channel;
}
