import { createApiToken } from '../tokens.js';
import type { CommandContext } from './context.js';
import type { Reply } from '../../slack/blocks/command-reply.js';

/**
 * `token`: a new API token for the workspace. The secret appears only in this ephemeral reply
 * (it is stored as a hash and never logged), so it is shown with a ready-to-run example.
 */
export async function createTokenReply(ctx: CommandContext): Promise<Reply> {
  const token = await createApiToken(ctx.deps.models, ctx.teamId, ctx.userId);
  return {
    text: [
      ':key: A new API token for this workspace. It is shown only this once, so copy it now:',
      `\`\`\`${token}\`\`\``,
      'Try it (with the address your Triage app is served at):',
      `\`\`\`curl -H "Authorization: Bearer ${token}" https://YOUR-TRIAGE-HOST/api/v1/workspace/settings\`\`\``,
    ].join('\n'),
  };
}
