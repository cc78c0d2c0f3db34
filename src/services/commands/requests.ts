import { EMOJI } from '../../constants.js';
import type { RequestDoc } from '../../db/models/index.js';
import { bestEffort } from '../../slack/safe-call.js';
import type { CommandContext } from './context.js';
import type { Reply } from './reply.js';

/** Statuses that still need someone. */
export const OPEN_STATUSES = ['open', 'in_progress', 'on_hold'] as const;
const MAX_LISTED = 20;

/** `requests`: this channel's open requests, newest first, each with a link to its message. */
export async function listOpenRequests(ctx: CommandContext): Promise<Reply> {
  const filter = {
    teamId: ctx.teamId,
    channelId: ctx.channelId,
    status: { $in: [...OPEN_STATUSES] },
  };
  const requests = await ctx.deps.models.requests
    .find(filter)
    .sort({ createdAt: -1 })
    .limit(MAX_LISTED)
    .lean<RequestDoc[]>();
  if (requests.length === 0) return { text: `No open requests in <#${ctx.channelId}>. :tada:` };
  const total =
    requests.length < MAX_LISTED
      ? requests.length
      : await ctx.deps.models.requests.countDocuments(filter);
  const now = ctx.deps.clock.now();
  const links = await Promise.all(requests.map((request) => permalink(ctx, request)));
  const lines = requests.map((request, index) => {
    const assignee = request.assigneeId ? `assigned to <@${request.assigneeId}>` : 'unassigned';
    return (
      `:${EMOJI.status[request.status]}: *${request.status.replace('_', ' ')}* · ` +
      `from <@${request.requesterId}> · ${assignee} · ${age(now, request.createdAt)} old · ` +
      `<${links[index]}|view>`
    );
  });
  const heading =
    total > requests.length
      ? `*${total} open requests in <#${ctx.channelId}>*, the newest ${requests.length}:`
      : `*${total} open request${total === 1 ? '' : 's'} in <#${ctx.channelId}>*, newest first:`;
  return { text: [heading, ...lines].join('\n') };
}

/** Slack's permalink, or the archive URL Slack redirects from when it cannot give one. */
async function permalink(ctx: CommandContext, request: RequestDoc): Promise<string> {
  const answer = await bestEffort(
    ctx.deps.logger,
    { channel: request.channelId, ts: request.rootTs, op: 'requests permalink' },
    () => ctx.client.chat.getPermalink({ channel: request.channelId, message_ts: request.rootTs }),
  );
  return (
    answer?.permalink ??
    `https://slack.com/archives/${request.channelId}/p${request.rootTs.replace('.', '')}`
  );
}

/** `45m`, `3h`, `2d`: the largest whole unit. */
export function age(now: Date, since: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 60 * 24) return `${Math.floor(minutes / 60)}h`;
  return `${Math.floor(minutes / (60 * 24))}d`;
}
