import type { HomeView, KnownBlock } from '@slack/types';
import { ACTIONS, EMOJI } from '../constants.js';
import type { ReviewItem, ReviewList } from '../home/review.js';
import type { AppHomeInput, HomeList, HomeRequest } from '../home/summary.js';
import { STATUS_LABEL } from '../requests/lifecycle.js';
import { messageLink, userMention } from '../text/mrkdwn.js';
import { button, lineQuote, PREVIEW_HIDDEN } from './blocks.js';
import { classificationNote } from './classification.js';
import { connectorsSection } from './home-connectors.js';
import { viewsBlock } from './home-views.js';
import { weekBlocks } from './home-week.js';
import { SUGGESTION_WHY } from './suggestion.js';

/** Slack refuses a view with more blocks than this. */
export const MAX_VIEW_BLOCKS = 100;
/** Requests shown per list at most; the rest are counted in "and N more". */
export const MAX_LIST_ITEMS = 20;
const PREVIEW_CHARS = 140;
/** Header + actions (Refresh) + the "updated" context. */
const FIXED_BLOCKS = 3;
/** Per list: divider, header, and either the empty-state or the "and N more" context. */
const LIST_BLOCKS = 3;

const AVAILABILITY = {
  online: { label: 'Online', emoji: ':large_green_circle:', says: 'teams give you new requests' },
  busy: { label: 'Busy', emoji: ':red_circle:', says: 'teams pass you over for new requests' },
  offline: {
    label: 'Offline',
    emoji: ':white_circle:',
    says: 'teams pass you over for new requests',
  },
} as const;

/** The viewer's availability and the three buttons that set it (the current one highlighted). */
function availabilityBlocks(current: keyof typeof AVAILABILITY): KnownBlock[] {
  const now = AVAILABILITY[current];
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${now.emoji} You are *${now.label}*: ${now.says}.` },
    },
    {
      type: 'actions',
      block_id: 'home_availability',
      elements: (Object.keys(AVAILABILITY) as (keyof typeof AVAILABILITY)[]).map((value) =>
        button(
          AVAILABILITY[value].label,
          `${ACTIONS.homeAvailability}${value}`,
          value,
          value === current ? 'primary' : undefined,
        ),
      ),
    },
  ];
}

/**
 * The App Home: requests assigned to the viewer, the unassigned ones and (with owner filters)
 * those of other agents, each line with status, channel, requester, preview, age, thread link
 * and SLA state, and a Refresh button; with a saved filter chosen under "Your views", that view's
 * requests instead; admins see the connectors last. Lists are cut to Slack's block limit.
 */
export function appHomeView(input: AppHomeInput, now: Date): HomeView {
  const chosen = input.views?.chosen;
  const lists: { title: string; list: HomeList; showAssignee: boolean; empty: string }[] = chosen
    ? [{ title: chosen.name, list: chosen.list, showAssignee: true, empty: 'No requests match.' }]
    : [
        {
          title: 'Assigned to you',
          list: input.assigned,
          showAssignee: false,
          empty: 'Nothing assigned to you.',
        },
        {
          title: 'Unassigned',
          list: input.unassigned,
          showAssignee: false,
          empty: 'All caught up.',
        },
      ];
  if (input.others && !chosen) {
    lists.push({
      title: "Other agents' requests",
      list: input.others,
      showAssignee: true,
      empty: 'No requests assigned to other agents.',
    });
  }
  const review = [...reviewBlocks(input.review, now), ...connectorsSection(input.connectors)];
  const availability = [
    ...(input.week ? weekBlocks(input.week) : []),
    ...(input.availability ? availabilityBlocks(input.availability) : []),
    ...(input.views ? [viewsBlock(input.views)] : []),
  ];
  const free =
    MAX_VIEW_BLOCKS -
    FIXED_BLOCKS -
    availability.length -
    review.length -
    LIST_BLOCKS * lists.length;
  const perList = Math.min(MAX_LIST_ITEMS, Math.floor(free / lists.length));
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Requests' } },
    {
      type: 'actions',
      block_id: 'home_actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Refresh' },
          action_id: ACTIONS.homeRefresh,
        },
      ],
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Updated ${slackDate(now)}` }],
    },
    ...availability,
  ];
  for (const { title, list, showAssignee, empty } of lists) {
    const shown = list.requests.slice(0, perList);
    const more = Math.max(list.total, list.requests.length) - shown.length;
    blocks.push({ type: 'divider' });
    blocks.push({
      type: 'header',
      text: {
        type: 'plain_text',
        text: `${title} (${Math.max(list.total, list.requests.length)})`,
      },
    });
    for (const request of shown) blocks.push(requestLine(request, now, showAssignee));
    const footer = shown.length === 0 ? empty : more > 0 ? `and ${more} more` : undefined;
    if (footer) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: footer }] });
  }
  blocks.push(...review);
  // The chosen view outlives a refresh: listeners read it back (`chosenViewOf`).
  return { type: 'home', blocks, ...(chosen ? { private_metadata: chosen.id } : {}) };
}

/**
 * "Kept for review": the latest messages that opened nothing, each with why, where, a preview
 * (where the channel allows) and Create request / Dismiss (the suggestion buttons).
 */
function reviewBlocks(review: ReviewList | undefined, now: Date): KnownBlock[] {
  if (!review) return [];
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: `Kept for review (${review.total})` } },
  ];
  for (const item of review.items) blocks.push(...reviewItem(item, now));
  const more = review.total - review.items.length;
  if (more > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `and ${more} more` }] });
  }
  return blocks;
}

function reviewItem(item: ReviewItem, now: Date): KnownBlock[] {
  const where = item.hideName ? 'a private channel' : `<#${item.channelId}>`;
  const facts = [
    `<@${item.authorId}>`,
    where,
    `${formatDuration(now.getTime() - item.createdAt.getTime())} ago`,
    `<${messageLink(item.channelId, item.ts)}|View message>`,
  ];
  const preview = item.preview === null ? PREVIEW_HIDDEN : lineQuote(item.preview, PREVIEW_CHARS);
  return [
    {
      type: 'section',
      block_id: `home_kept_${item.id}`,
      text: {
        type: 'mrkdwn',
        text: `${facts.join(' · ')}\n${preview}\n_Kept: ${SUGGESTION_WHY[item.why]}._`,
      },
    },
    {
      type: 'actions',
      block_id: `home_kept_actions_${item.id}`,
      elements: [
        button('Create request', ACTIONS.suggestionCreate, item.id, 'primary'),
        button('Dismiss', ACTIONS.suggestionDismiss, item.id),
      ],
    },
  ];
}

function requestLine(request: HomeRequest, now: Date, showAssignee: boolean): KnownBlock {
  const status = `:${EMOJI.status[request.status]}: *${STATUS_LABEL[request.status]}*`;
  const facts = [
    status,
    `<#${request.channelId}>`,
    `${userMention(request.requesterId)}`,
    ...(showAssignee && request.assigneeId ? [`assigned to <@${request.assigneeId}>`] : []),
    `opened ${formatDuration(now.getTime() - request.createdAt.getTime())} ago`,
    `<${messageLink(request.channelId, request.rootTs)}|View thread>`,
  ];
  const sla = slaState(request, now);
  if (sla) facts.push(sla);
  // Names already resolved by the channel (`homeSummary`): " · Severity: *High* · Tags: Billing".
  const classified = classificationNote(request);
  const preview =
    request.preview === null ? PREVIEW_HIDDEN : lineQuote(request.preview, PREVIEW_CHARS);
  return {
    type: 'section',
    block_id: `home_request_${request.id}`,
    text: { type: 'mrkdwn', text: `${facts.join(' · ')}${classified}\n${preview}` },
  };
}

/**
 * What a request's SLA looks like now, or `null` when it has none. A breach outranks a pause
 * (a missed promise stays missed while on hold); a due date already past but not yet flagged by
 * the breach job reads as breached; the response SLA no longer applies once an agent answered.
 * `pausedAt` is only ever set on a request with an SLA, whatever its due dates say meanwhile.
 */
export function slaState(
  request: Pick<HomeRequest, 'sla' | 'firstResponseAt'>,
  now: Date,
): string | null {
  const { sla } = request;
  if (sla.responseBreachedAt) return '⚠️ response SLA breached';
  if (sla.closureBreachedAt) return '⚠️ closure SLA breached';
  const response = request.firstResponseAt ? null : sla.responseDueAt;
  if (sla.pausedAt) return 'SLA paused (on hold)';
  if (response) return dueText('response', response, now);
  if (sla.closureDueAt) return dueText('closure', sla.closureDueAt, now);
  return null;
}

function dueText(kind: 'response' | 'closure', due: Date, now: Date): string {
  const left = due.getTime() - now.getTime();
  return left <= 0 ? `⚠️ ${kind} SLA breached` : `${kind} due in ${formatDuration(left)}`;
}

/** A duration the way people glance at it: `<1m`, `25m`, `3h`, `2d` (rounded down). */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** A date Slack renders in the viewer's own time zone. */
function slackDate(at: Date): string {
  const seconds = Math.floor(at.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${at.toISOString()}>`;
}
