import { MAX_LISTED, openRequestsText } from '../../commands/requests.js';
import type { RequestDoc } from '../../db/models/index.js';
import { LIVE_STATUSES } from '../../requests/lifecycle.js';
import type { Reply } from '../../views/command-reply.js';
import { permalink } from '../../slack/lookups.js';
import type { CommandContext } from './context.js';

/** `requests`: this channel's open requests, newest first, each with a link to its message. */
export async function listOpenRequests(ctx: CommandContext): Promise<Reply> {
  const filter = {
    teamId: ctx.teamId,
    channelId: ctx.channelId,
    status: { $in: [...LIVE_STATUSES] },
  };
  const docs = await ctx.deps.models.requests
    .find(filter)
    .sort({ createdAt: -1 })
    .limit(MAX_LISTED)
    .lean<RequestDoc[]>();
  const total =
    docs.length < MAX_LISTED ? docs.length : await ctx.deps.models.requests.countDocuments(filter);
  const now = ctx.deps.clock.now();
  const requests = await Promise.all(
    docs.map(async (doc) => ({
      ...doc,
      link: await permalink(ctx.client, ctx.deps.logger, doc.channelId, doc.rootTs),
    })),
  );
  return { text: openRequestsText({ channelId: ctx.channelId, requests, total, now }) };
}
