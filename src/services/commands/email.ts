import { emailCommandText } from '../../email/command.js';
import type { Reply } from '../../views/command-reply.js';
import { commandChannel, type CommandContext } from './context.js';

/** `/triage email`: the addresses whose mail becomes requests in this channel. */
export async function showEmail(ctx: CommandContext): Promise<Reply> {
  const channel = await commandChannel(ctx);
  const features = await ctx.deps.settings.effective(ctx.teamId, channel.channelId);
  const { mappings, domains } = features.emailToSlack;
  return { text: emailCommandText(channel.channelId, mappings, domains) };
}
