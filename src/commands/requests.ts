import { EMOJI } from '../constants.js';
import type { RequestStatus } from '../requests/request.js';
import type { NamedValue } from '../settings/primitives.js';
import { userMention } from '../text/mrkdwn.js';

/** The most requests `/triage requests` lists; more are counted in the heading. */
export const MAX_LISTED = 20;

/** What one line of `/triage requests` shows of a request. */
export interface ListedRequest {
  status: RequestStatus;
  requesterId: string;
  assigneeId: string | null;
  createdAt: Date;
  severity?: string | null;
  tags?: readonly string[];
  /** The link to its message. */
  link: string;
}

/**
 * The answer to `/triage requests` in `channelId`: a heading with the count (`total` when more
 * than the listed ones are open) and one line per request, as listed (newest first).
 *
 * @example
 * // one open request from U1, created 2026-01-05T09:00Z, now 2026-01-05T12:00Z: "… · 3h old · …"
 */
export function openRequestsText(input: {
  channelId: string;
  requests: ListedRequest[];
  total: number;
  now: Date;
  /** The channel's severities and tags, to show their names; and the filters applied, if any. */
  lists?: { severity: readonly NamedValue[]; tags: readonly NamedValue[] };
  filters?: { severity?: string; tags: readonly string[] };
}): string {
  const { channelId, requests, total, now } = input;
  const nameOf = (list: readonly NamedValue[] | undefined, value: string) =>
    list?.find((v) => v.value === value)?.name ?? value;
  const severity = input.filters?.severity;
  const wanted = [
    ...(severity ? [`severity ${nameOf(input.lists?.severity, severity)}`] : []),
    ...(input.filters?.tags ?? []).map((tag) => `tag ${nameOf(input.lists?.tags, tag)}`),
  ];
  const matching = wanted.length ? ` matching ${wanted.join(', ')}` : '';
  if (requests.length === 0) return `No open requests in <#${channelId}>${matching}. :tada:`;
  const lines = requests.map((request) => {
    const assignee = request.assigneeId ? `assigned to <@${request.assigneeId}>` : 'unassigned';
    const level = request.severity
      ? ` · severity *${nameOf(input.lists?.severity, request.severity)}*`
      : '';
    const tags = request.tags?.length
      ? ` · tags ${request.tags.map((tag) => nameOf(input.lists?.tags, tag)).join(', ')}`
      : '';
    return (
      `:${EMOJI.status[request.status]}: *${request.status.replace('_', ' ')}* · ` +
      `from ${userMention(request.requesterId)} · ${assignee}${level}${tags} · ` +
      `${age(now, request.createdAt)} old · <${request.link}|view>`
    );
  });
  const heading =
    total > requests.length
      ? `*${total} open requests in <#${channelId}>*${matching}, the newest ${requests.length}:`
      : `*${total} open request${total === 1 ? '' : 's'} in <#${channelId}>*${matching}, newest first:`;
  return [heading, ...lines].join('\n');
}

/**
 * `45m`, `3h`, `2d`: the largest whole unit.
 *
 * @example
 * age(new Date('2026-01-05T12:00Z'), new Date('2026-01-05T09:30Z')); // '2h' (150 min)
 */
export function age(now: Date, since: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 60 * 24) return `${Math.floor(minutes / 60)}h`;
  return `${Math.floor(minutes / (60 * 24))}d`;
}
