import type { ChannelDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import type { BotDeps } from '../../deps.js';
import { NOT_SET_UP } from '../../commands/setup.js';
import { AppError } from '../../errors.js';
import type { SlackGateway } from '../../slack/gateway.js';

/** Who ran a `/triage` command, where, and what to answer with. */
export interface CommandContext {
  deps: BotDeps;
  slack: SlackGateway;
  teamId: string;
  channelId: string;
  userId: string;
}

/** The channel the command ran in, or a `channel_not_set_up` AppError telling the user to set it up. */
export async function commandChannel(ctx: CommandContext): Promise<ChannelDoc> {
  const channel = await new ChannelStore(ctx.deps.models).find(ctx.teamId, ctx.channelId);
  if (!channel) throw new AppError('channel_not_set_up', NOT_SET_UP);
  return channel;
}
