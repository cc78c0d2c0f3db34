import { MAX_LISTED, openRequestsText } from '../../commands/requests.js';
import { RequestLists } from '../../db/repositories/request-lists.js';
import type { Reply } from '../../views/command-reply.js';
import type { CommandContext } from './context.js';

/** `requests`: this channel's open requests, newest first, each with a link to its message. */
export async function listOpenRequests(ctx: CommandContext): Promise<Reply> {
  const lists = new RequestLists(ctx.deps.models);
  const { docs, total } = await lists.liveInChannel(ctx.teamId, ctx.channelId, MAX_LISTED);
  const now = ctx.deps.clock.now();
  const log = { step: 'permalink', channel: ctx.channelId };
  const requests = await Promise.all(
    docs.map(async (doc) => ({
      ...doc,
      link: await ctx.slack.permalink(doc.channelId, doc.rootTs, { bestEffort: log }),
    })),
  );
  return { text: openRequestsText({ channelId: ctx.channelId, requests, total, now }) };
}
