import { NO_TOKEN, tokenReplyText, tokenRole } from '../../commands/token.js';
import { createApiToken } from '../../db/repositories/api-tokens.js';
import type { Reply } from '../../views/command-reply.js';
import type { CommandContext } from './context.js';

/**
 * `/triage token`: a token with the asker's role (`tokenRole`), named after them so changes made
 * with it read `api:<name>` in history. Slack not answering refuses rather than guessing a role.
 */
export async function createToken(ctx: CommandContext): Promise<Reply> {
  const user = (await ctx.slack.user(ctx.userId, { expect: ['user_not_found'] }))?.user;
  const role = tokenRole(user, ctx.teamId);
  if (!role) return { text: NO_TOKEN };
  const name = user?.profile?.display_name || user?.real_name || user?.name || ctx.userId;
  const token = await createApiToken(ctx.deps.models, ctx.teamId, ctx.userId, { role, name });
  return { text: tokenReplyText(token, role) };
}
