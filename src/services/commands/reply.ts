import type { RequestRef } from '../../commands/parse.js';
import { CannedResponseStore } from '../../db/repositories/canned-responses.js';
import type { Reply } from '../../views/command-reply.js';
import { codeList, postCanned } from '../desk/canned-reply.js';
import { requestOfRef } from '../requests/message-request.js';
import type { CommandContext } from './context.js';
import { userMention } from '../../text/mrkdwn.js';

const NOT_A_REQUEST =
  ":warning: That message is not a request the bot tracks, so nothing was posted. Use the customer's message: its ⋯ menu → *Copy link*, or the request id.";

/**
 * `/triage reply <short code> <link or id>`: posts the canned response into the request's thread
 * for the person typing it; `/triage reply` alone lists the workspace's short codes.
 */
export async function replyFromCommand(
  ctx: CommandContext,
  shortCode: string | undefined,
  target: RequestRef | undefined,
): Promise<Reply> {
  const { deps, slack, teamId } = ctx;
  if (!shortCode || !target) {
    const codes = (await new CannedResponseStore(deps.models).list(teamId)).map((r) => r.shortCode);
    return { text: codeList(codes) };
  }
  const request = await requestOfRef(deps, slack, teamId, target);
  if (!request) return { text: NOT_A_REQUEST };
  const outcome = await postCanned(deps, slack, request, { userId: ctx.userId }, shortCode);
  if (!outcome.ok) return { text: outcome.text };
  return {
    text: `:speech_balloon: Posted \`${outcome.shortCode}\` in the thread of the request from ${userMention(request.requesterId)} in <#${request.channelId}>.`,
  };
}
