import type { RequestDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { FeedbackStore } from '../../db/repositories/feedback.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { isRequestId, type FeedbackComment } from '../../feedback/comment.js';
import { feedbackNoticeChannel } from '../../feedback/feedback.js';
import type { Features } from '../../settings/features.js';
import { feedbackCommentReceivedText, feedbackReceivedText } from '../../views/feedback.js';
import type { SlackGateway } from '../../slack/gateway.js';
import {
  parseRatingValue,
  ratingOf,
  type RatingScale,
  type RatingTarget,
} from '../../feedback/rating.js';
import { ticketFeedbackNoticeChannel } from '../../feedback/ticket-feedback.js';
import { countRequest } from '../reports/keep.js';
import { channelContext } from '../requests/context.js';
import { TriageCard } from '../requests/triage-card.js';

type FeedbackDeps = Pick<BotDeps, 'models' | 'settings' | 'clock' | 'logger' | 'env'>;

/** A message for the team about feedback received (`send_request_feedback_received_message`). */
export interface FeedbackNotice {
  channel: string;
  text: string;
}

/** What became of a click; `same` when it gave the rating already stored. */
export type RatingOutcome =
  | { kind: 'invalid' }
  | { kind: 'missing' }
  | { kind: 'refused'; request: RequestDoc }
  | RatingTaken;

export interface RatingTaken {
  kind: 'stored' | 'same';
  request: RequestDoc;
  scale: RatingScale;
  rating: number;
  target: RatingTarget;
  /** `request_for_text_feedback`: offer the comment modal (a request's rating only). */
  askForComment: boolean;
  /** Set when the rating was stored and the team wants to hear of it. */
  notice?: FeedbackNotice;
}

/**
 * A click on a rating button by `userId`: stored when they are the requester (replacing any
 * earlier rating), refused otherwise. Posts nothing: the listener answers the click, then posts
 * the `notice`.
 */
export async function rateRequest(
  deps: FeedbackDeps,
  userId: string,
  value: string | undefined,
): Promise<RatingOutcome> {
  const parsed = parseRatingValue(value);
  if (!parsed) return { kind: 'invalid' };
  const { scale, rating } = ratingOf(parsed.choice);
  const store = new FeedbackStore(deps.models);
  const of = parsed.target;
  const write = await store.rate(parsed.requestId, userId, scale, rating, deps.clock.now(), of);
  if (write.kind === 'missing' || write.kind === 'refused') return write;
  const { request } = write;
  if (of === 'request') await countRequest(deps, request._id);
  const { features, target } = await noticeTarget(deps, request, of);
  const askForComment = of === 'request' && features.requests.config.request_for_text_feedback;
  const taken = { kind: write.kind, request, scale, rating, target: of, askForComment };
  if (write.kind === 'same' || !target) return taken;
  const { previous } = write;
  const text = feedbackReceivedText({
    ...request,
    scale,
    rating,
    previous: previous?.rating == null ? null : { scale: previous.scale, rating: previous.rating },
    ...(of === 'ticket' && request.ticket ? { ticketLabel: `#${request.ticket.id}` } : {}),
  });
  return { ...taken, notice: { channel: target, text } };
}

/** Stores the requester's comment; returns the notice to post, if any. */
export async function commentOnRequest(
  deps: FeedbackDeps,
  userId: string,
  comment: FeedbackComment,
): Promise<{ kind: 'missing' | 'refused' | 'same' | 'stored'; notice?: FeedbackNotice }> {
  const store = new FeedbackStore(deps.models);
  const write = await store.comment(comment.requestId, userId, comment.text, deps.clock.now());
  if (write.kind !== 'stored') return { kind: write.kind };
  const { target } = await noticeTarget(deps, write.request);
  if (!target) return { kind: 'stored' };
  const edited = write.previous?.text != null;
  const text = feedbackCommentReceivedText({ ...write.request, text: comment.text, edited });
  return { kind: 'stored', notice: { channel: target, text } };
}

/** The request a comment button is for, when `userId` may comment on it. */
export async function commentTarget(
  deps: FeedbackDeps,
  userId: string,
  requestId: string | undefined,
): Promise<{ kind: 'missing' } | { kind: 'refused' } | { kind: 'ok'; request: RequestDoc }> {
  if (!isRequestId(requestId)) return { kind: 'missing' };
  const request = await new RequestStore(deps.models).byId(requestId);
  if (!request) return { kind: 'missing' };
  if (request.requesterId !== userId) return { kind: 'refused' };
  return { kind: 'ok', request };
}

/** A ticket's new rating shows on the request's card (`rated 4/5` beside the ticket). */
export async function redrawRatedTicket(
  deps: FeedbackDeps,
  slack: SlackGateway,
  outcome: RatingOutcome,
): Promise<void> {
  if (outcome.kind !== 'stored' || outcome.target !== 'ticket') return;
  const { request } = outcome;
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (ctx) await new TriageCard(deps, slack).update(ctx, request);
}

/** Posts a feedback notice; a Slack failure is logged and loses nothing stored. */
export async function announceFeedback(
  slack: SlackGateway,
  notice: FeedbackNotice | undefined,
): Promise<void> {
  if (!notice) return;
  await slack.post(notice, { bestEffort: { step: 'feedback_received', channel: notice.channel } });
}

/**
 * The request's settings, and where the team hears of its feedback (`feedbackNoticeChannel`) or
 * its ticket's (`ticketFeedbackNoticeChannel`).
 */
async function noticeTarget(
  deps: FeedbackDeps,
  request: RequestDoc,
  of: RatingTarget = 'request',
): Promise<{ features: Features; target?: string }> {
  const [features, channel] = await Promise.all([
    deps.settings.effective(request.teamId, request.channelId),
    new ChannelStore(deps.models).find(request.teamId, request.channelId),
  ]);
  const { requests, tickets } = features;
  const triage = channel?.triageChannelId;
  const target =
    of === 'ticket'
      ? ticketFeedbackNoticeChannel(tickets.config, requests.config, triage)
      : feedbackNoticeChannel(requests.config, triage);
  return { features, target };
}
