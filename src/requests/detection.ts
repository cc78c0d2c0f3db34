import type { Features } from '../settings/features.js';
import { LIVE_STATUSES } from './lifecycle.js';
import type { RequestStatus } from './request.js';

const PLEASANTRY_WORDS = [
  'thanks',
  'thank you',
  'thank you so much',
  'thanks a lot',
  'many thanks',
  'thx',
  'ty',
  'tysm',
  'ok',
  'okay',
  'k',
  'kk',
  'cool',
  'great',
  'awesome',
  'perfect',
  'nice',
  'got it',
  'sounds good',
  'will do',
  'np',
  'no problem',
  'no worries',
  'cheers',
  'bye',
  'see you',
  'appreciate it',
  'much appreciated',
  'all good',
  'yes',
  'yep',
  'yup',
  'sure',
  'done',
  'lgtm',
  'hi',
  'hello',
  'hey',
];
const PLEASANTRY = new RegExp(
  `^(?:(?:${PLEASANTRY_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|')})\\b[\\s,.!]*)+$`,
  'i',
);

/**
 * A message that only says thanks, ok, a greeting or an emoji does not open a request
 * ("thanks!", "ok 👍", ":+1: :pray:").
 */
export function isPleasantry(text: string): boolean {
  const stripped = text
    .replace(/:[a-z0-9_+'-]+:/gi, ' ')
    .replace(/<@[A-Z0-9]+>/g, ' ')
    .replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]|\u200d/gu, ' ')
    .trim();
  if (stripped.length === 0) return text.trim().length > 0;
  return stripped.length <= 60 && PLEASANTRY.test(stripped);
}

/**
 * The kind a channel the bot meets for the first time is registered as: a customer channel when
 * it is shared with another organisation (Slack Connect) or named `ext-…`; otherwise internal
 * until someone runs setup.
 */
export function firstSeenKind(channel: {
  name: string;
  isExtShared: boolean;
}): 'customer' | 'internal' {
  return channel.isExtShared || channel.name.startsWith('ext-') ? 'customer' : 'internal';
}

/** What the rules need of the configuration. */
export interface DetectionSettings {
  blockRequestDetection: boolean;
  groupingWindowMinutes: number;
  suppressOnNonClosedThreads: boolean;
  reopenClosed: boolean;
  blockOnDiscarded: boolean;
}

/** The detection rules' view of the channel's request settings. */
export function detectionSettings(features: Features): DetectionSettings {
  const config = features.requests.config;
  return {
    blockRequestDetection: config.block_request_detection,
    groupingWindowMinutes: config.conversation_grouping_window,
    suppressOnNonClosedThreads: config.suppress_requests_on_non_closed_conversation_threads,
    reopenClosed: config.reopen_closed_requests,
    blockOnDiscarded: config.block_new_request_creation_on_discard_request,
  };
}

export interface RecentRequest {
  id: string;
  status: RequestStatus;
  /** When the customer last wrote a top-level message in it. */
  lastTopLevelAt: Date;
}

export type TopLevelDecision =
  | { action: 'create' }
  | { action: 'group'; requestId: string }
  | { action: 'ignore'; reason: 'detection_blocked' | 'pleasantry' | 'discarded_recently' };

/**
 * A customer's top-level message: it joins their latest live request when that one had a
 * top-level message within the grouping window; otherwise it opens a request, unless it is a
 * pleasantry, detection is off, or (with block_new_request_creation_on_discard_request) their
 * latest request was discarded within the window.
 */
export function decideTopLevel(
  settings: DetectionSettings,
  text: string,
  now: Date,
  latest: RecentRequest | undefined,
): TopLevelDecision {
  if (settings.blockRequestDetection) return { action: 'ignore', reason: 'detection_blocked' };
  const windowMs = settings.groupingWindowMinutes * 60_000;
  const recent = latest && now.getTime() - latest.lastTopLevelAt.getTime() <= windowMs;
  if (recent && latest && LIVE_STATUSES.includes(latest.status)) {
    return { action: 'group', requestId: latest.id };
  }
  if (isPleasantry(text)) return { action: 'ignore', reason: 'pleasantry' };
  if (recent && latest?.status === 'discarded' && settings.blockOnDiscarded) {
    return { action: 'ignore', reason: 'discarded_recently' };
  }
  return { action: 'create' };
}

/**
 * A message judged part of a live request could not be added to it. When the request (read
 * again) already has it, or is still live, the write lost to a retry of the same message:
 * nothing more to do. Otherwise the request closed between the decision and the write, and the
 * message opens a request of its own rather than being lost.
 */
export function afterLostGrouping(
  current: { status: RequestStatus; groupedTs: readonly string[] } | null,
  ts: string,
): 'done' | 'create' {
  if (current && (current.groupedTs.includes(ts) || LIVE_STATUSES.includes(current.status))) {
    return 'done';
  }
  return 'create';
}

export type ThreadReplyDecision =
  | { action: 'activity' }
  | { action: 'reopen' }
  | { action: 'create' }
  | { action: 'ignore'; reason: string };

/**
 * A customer's reply in the thread of a request: activity on a live request (or, with
 * suppress_requests_on_non_closed_conversation_threads off, a request of its own); on a closed
 * request, a reopen (reopen_closed_requests) or else a new request; on a discarded request,
 * nothing when block_new_request_creation_on_discard_request, else a new request.
 * `onLiveTicket`: the request's helpdesk ticket is not solved or closed and
 * suppress_requests_on_non_closed_ticket_threads is on, so the reply never opens a request of
 * its own: it stays the request's (and its ticket's).
 */
export function decideThreadReply(
  settings: DetectionSettings,
  text: string,
  status: RequestStatus,
  onLiveTicket = false,
): ThreadReplyDecision {
  if (status === 'closed') {
    if (settings.reopenClosed) return { action: 'reopen' };
    if (onLiveTicket || settings.blockRequestDetection || isPleasantry(text)) {
      return { action: 'ignore', reason: 'closed' };
    }
    return { action: 'create' };
  }
  if (status === 'discarded') {
    const blocked = settings.blockOnDiscarded || settings.blockRequestDetection;
    if (onLiveTicket || blocked || isPleasantry(text)) {
      return { action: 'ignore', reason: 'discarded' };
    }
    return { action: 'create' };
  }
  const suppressed = settings.suppressOnNonClosedThreads || onLiveTicket;
  if (suppressed || settings.blockRequestDetection || isPleasantry(text)) {
    return { action: 'activity' };
  }
  return { action: 'create' };
}

/**
 * What a change to a channel message means for requests: an edit of a reply becomes the stored
 * reply's text (`edit_reply`; a reply's tombstone means nothing); the tombstone Slack leaves
 * when a root with replies is deleted (it announces that deletion as a change, not as
 * `message_deleted`) discards its request; any other edit of a top-level message becomes its
 * request's text.
 */
export function decideMessageChange(changed: {
  ts: string;
  threadTs?: string;
  subtype?: string;
}): 'ignore' | 'discard' | 'edit' | 'edit_reply' {
  if (changed.threadTs && changed.threadTs !== changed.ts) {
    return changed.subtype === 'tombstone' ? 'ignore' : 'edit_reply';
  }
  return changed.subtype === 'tombstone' ? 'discard' : 'edit';
}

/**
 * What a request records of a message: its text, then the name of each file it shares, one a
 * line (a file upload may have no text at all, and the names say what was sent).
 */
export function requestText(text: string, fileNames: readonly string[] = []): string {
  if (fileNames.length === 0) return text;
  return [text, ...fileNames].filter((part) => part.trim().length > 0).join('\n');
}
