import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { EmailOutboxDoc, RequestDoc } from '../../db/models/index.js';
import { EmailOutbox } from '../../db/repositories/email-outbox.js';
import { EmailThreads } from '../../db/repositories/email.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { parseComment } from '../../feedback/comment.js';
import { ratingValue } from '../../feedback/rating.js';
import {
  csatChoice,
  csatExpiry,
  csatLink,
  isCsatToken,
  type ThanksPage,
} from '../../email/csat.js';
import type { Features } from '../../settings/features.js';
import { announceFeedback, commentOnRequest, rateRequest } from '../feedback/respond.js';
import { threadEnvelope } from './outbound.js';

/**
 * Asks an e-mail requester for feedback by e-mail (issue 15): `feedback_message` with a link per
 * rating of `feedback_rating`, queued in the e-mail outbox, threaded into their conversation.
 * False when it cannot be asked (no e-mail thread, or no `PUBLIC_URL` for the links).
 */
export async function askByEmail(
  deps: BotDeps,
  features: Features,
  request: RequestDoc,
): Promise<boolean> {
  const config = features.requests.config;
  const threads = new EmailThreads(deps.models);
  const thread = await threads.ofRequest(request._id);
  if (!thread || !deps.env.PUBLIC_URL) {
    deps.logger.warn(
      { requestId: String(request._id), thread: !!thread },
      'CSAT by e-mail not asked: no e-mail thread or no PUBLIC_URL for its links',
    );
    return false;
  }
  const now = deps.clock.now();
  const envelope = threadEnvelope(thread, features.emailToSlack.mappings);
  await new EmailOutbox(deps.models).enqueue(
    {
      ...envelope,
      _id: new Types.ObjectId(),
      teamId: request.teamId,
      requestId: request._id,
      text: config.feedback_message,
      pixelId: randomBytes(16).toString('hex'),
      tracked: false,
      csat: { scale: config.feedback_rating, expiresAt: csatExpiry(now) },
    },
    now,
  );
  await threads.addMessageId(thread._id, envelope.messageId);
  return true;
}

/** What a link came to: a page to answer with, or not found (nothing written). */
export type LinkOutcome = { kind: 'missing' } | ({ kind: 'ok' } & ThanksPage);

/** The live CSAT ask a token names, and its request; undefined when unknown or expired. */
async function liveAsk(
  deps: BotDeps,
  token: string,
): Promise<{ ask: EmailOutboxDoc & { csat: object }; request: RequestDoc } | undefined> {
  if (!isCsatToken(token)) return undefined;
  const ask = await new EmailOutbox(deps.models).csatAsk(token);
  if (!ask?.csat || ask.csat.expiresAt <= deps.clock.now()) return undefined;
  const request = await new RequestStore(deps.models).byId(String(ask.requestId));
  return request ? { ask: { ...ask, csat: ask.csat }, request } : undefined;
}

/**
 * A rating link opened: stored as the requester's rating exactly as a Slack click is
 * (`rateRequest`: a second link replaces the rating, the reports count it, the team hears of it).
 */
export async function rateByLink(
  deps: BotDeps,
  token: string,
  choice: string,
): Promise<LinkOutcome> {
  const live = await liveAsk(deps, token);
  const chosen = live && csatChoice(live.ask.csat.scale, choice);
  if (!live || !chosen) return { kind: 'missing' };
  const { request } = live;
  const value = ratingValue(String(request._id), chosen);
  const outcome = await rateRequest(deps, request.requesterId, value);
  if (outcome.kind !== 'stored' && outcome.kind !== 'same') return { kind: 'missing' };
  await announceFeedback(await deps.slack(request.teamId), outcome.notice);
  return thanks(deps, token, outcome.request, outcome.askForComment);
}

/** The comment form posted: stored as the requester's comment (422 page when refused). */
export async function commentByLink(
  deps: BotDeps,
  token: string,
  text: unknown,
): Promise<LinkOutcome | ({ kind: 'invalid' } & ThanksPage)> {
  const live = await liveAsk(deps, token);
  const features =
    live && (await deps.settings.effective(live.request.teamId, live.request.channelId));
  if (!live || !features?.requests.config.request_for_text_feedback) return { kind: 'missing' };
  const { request } = live;
  const comment = typeof text === 'string' ? text : undefined;
  const parsed = parseComment({ requestId: String(request._id), text: comment });
  if (!parsed.ok) {
    const page = await thanks(deps, token, request, true);
    if (page.kind !== 'ok') return page;
    return { ...page, kind: 'invalid', comment: comment ?? null, error: parsed.errors.comment };
  }
  const stored = await commentOnRequest(deps, request.requesterId, parsed.comment);
  if (stored.kind === 'missing' || stored.kind === 'refused') return { kind: 'missing' };
  await announceFeedback(await deps.slack(request.teamId), stored.notice);
  const after = (await new RequestStore(deps.models).byId(String(request._id))) ?? request;
  const page = await thanks(deps, token, after, true);
  return page.kind === 'ok' ? { ...page, commented: true } : page;
}

/** The thank-you page for `request`'s stored feedback (not found when it holds no rating). */
async function thanks(
  deps: BotDeps,
  token: string,
  request: RequestDoc,
  askForComment: boolean,
): Promise<LinkOutcome> {
  const { feedback } = request;
  if (feedback?.rating == null) return { kind: 'missing' };
  const scale = feedback.scale === '5_POINTS' ? '5_POINTS' : '2_POINTS';
  const base = deps.env.PUBLIC_URL ?? '';
  return {
    kind: 'ok',
    scale,
    rating: feedback.rating,
    comment: feedback.text,
    ...(askForComment ? { commentUrl: csatLink(base, token, 'comment') } : {}),
  };
}
