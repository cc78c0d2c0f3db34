import { capitalised } from '../../text/mrkdwn.js';
import { MAX_LISTED, openRequestsText } from '../../commands/requests.js';
import { AppError } from '../../errors.js';
import { RequestLists } from '../../db/repositories/request-lists.js';
import { checkSeverity, checkTags } from '../../requests/classification.js';
import type { Reply } from '../../views/command-reply.js';
import type { CommandContext } from './context.js';
import { channelTags } from '../../requests/ai-classification.js';

/**
 * `requests [severity:<level>] [tag:<tag>]…`: this channel's open requests, newest first, each
 * with its severity, tags and a link to its message. A filter is checked against the channel's
 * severities and tags (any case, by value or name); one it does not offer is named in the reply.
 */
export async function listOpenRequests(
  ctx: CommandContext,
  filters: { severity?: string; tags: readonly string[] } = { tags: [] },
): Promise<Reply> {
  const filtered = filters.severity !== undefined || filters.tags.length > 0;
  // A channel the bot does not track has no lists: its (empty) list is still shown unfiltered.
  const features = await ctx.deps.settings
    .effective(ctx.teamId, ctx.channelId)
    .catch((error: unknown) => {
      if (filtered || !(error instanceof AppError)) throw error;
      return undefined;
    });
  const support = features
    ? { severity: features.requests.support.severity, tags: channelTags(features) }
    : { severity: [], tags: [] };
  const severity = checkSeverity(support.severity, filters.severity ?? null);
  if (!severity.ok) return { text: `:warning: ${capitalised(severity.error)}.` };
  const tags = checkTags(support.tags, filters.tags);
  if (!tags.ok) return { text: `:warning: ${capitalised(tags.error)}.` };
  const match = { severity: severity.value ?? undefined, tags: tags.value };
  const lists = new RequestLists(ctx.deps.models);
  const { docs, total } = await lists.liveInChannel(ctx.teamId, ctx.channelId, MAX_LISTED, match);
  const now = ctx.deps.clock.now();
  const log = { step: 'permalink', channel: ctx.channelId };
  const requests = await Promise.all(
    docs.map(async (doc) => ({
      ...doc,
      link: await ctx.slack.permalink(doc.channelId, doc.rootTs, { bestEffort: log }),
    })),
  );
  const text = openRequestsText({
    channelId: ctx.channelId,
    requests,
    total,
    now,
    lists: support,
    ...(filtered ? { filters: match } : {}),
  });
  return { text };
}
