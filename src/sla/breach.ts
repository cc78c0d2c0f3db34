import { channelPrivacy } from '../channels/privacy.js';
import type { Features } from '../settings/features.js';
import { dueStep, type DueStep } from '../timers/timer.js';
import { runningDue, type SlaFacts, type SlaKind } from './clocks.js';

/**
 * What an SLA job does when it falls due: nothing when the SLA stopped running (met, breached,
 * paused, closed), wait when its due date moved later (a resumption), else breach.
 *
 * @example
 * // response due Mon 10:00, no first response, now Mon 10:00 = breach
 */
export function breachStep(kind: SlaKind, request: SlaFacts, now: Date): DueStep {
  return dueStep(runningDue(kind, request), now);
}

/** Once-only key of a breach: one per SLA and due date, across retries and bot instances. */
export const breachClaim = (kind: SlaKind, requestId: string, due: Date) =>
  `sla:${kind}:${requestId}:${due.toISOString()}`;

/** What the channel settings say a breach does, as data (`sla_breach_config` covers both SLAs). */
export interface BreachPlan {
  /** Where the alert goes; null: nowhere. */
  alertChannel: string | null;
  /** The alert quotes the request: always in a public channel, in a private one only when allowed. */
  showPreview: boolean;
  /** The alert leaves out the channel's name: a private channel under hidePrivateChannelMetadata. */
  hideChannelName: boolean;
  /** The alert offers a Discard button for something that was never a request. */
  suggestDiscard: boolean;
  /** Which customer message gets the breach reaction: the first, the latest, or none. */
  react: 'first_message' | 'last_message' | null;
  /** Apologise in the customer's thread. */
  holdingReply: boolean;
  /** Record the breach on the request (a `sla_breach` history entry) and refresh its triage card. */
  markRequest: boolean;
}

/** The channel facts a breach plan needs. */
export interface BreachChannel {
  triageChannelId?: string | null;
  isPrivate?: boolean | null;
}

/**
 * The breach plan of `kind` in a channel. The alert goes to the SLA's own channel, else (closure)
 * the response SLA's channel, else the channel's triage channel; nowhere when none is set.
 */
export function breachPlan(kind: SlaKind, features: Features, channel: BreachChannel): BreachPlan {
  const support = features.requests.support;
  const config = support.response_sla.sla_breach_config;
  const privacy = channelPrivacy(Boolean(channel.isPrivate), features);
  const own =
    kind === 'response'
      ? support.response_sla.sla_channel
      : support.request_closure_sla.sla_channel;
  return {
    alertChannel: own ?? support.response_sla.sla_channel ?? channel.triageChannelId ?? null,
    showPreview: privacy.showPreview,
    hideChannelName: privacy.hideName,
    suggestDiscard: config.suggested_request_invalidation.isEnabled,
    react: config.reaction.isEnabled ? config.reaction.message_ts_comparison : null,
    holdingReply: config.conversation_response.isEnabled,
    markRequest: config.request.isEnabled,
  };
}

/** A message of the request's thread, as Slack lists it. */
export interface ThreadMessage {
  ts?: string;
  user?: string;
  bot_id?: string;
}

/**
 * The customer's latest message of a request: the root, a grouped message, or a thread reply by
 * someone who is neither a bot nor on the support side.
 *
 * @example
 * // root 100.1, grouped 100.5, customer reply 100.9, agent reply 101.0 = 100.9
 */
export function latestCustomerTs(
  request: { rootTs: string; groupedTs: readonly string[] },
  replies: readonly ThreadMessage[],
  internalUserIds: ReadonlySet<string>,
): string {
  const candidates = [request.rootTs, ...request.groupedTs];
  for (const message of replies) {
    const user = message.user;
    if (message.ts && user && !message.bot_id && !internalUserIds.has(user))
      candidates.push(message.ts);
  }
  return candidates.reduce((latest, ts) => (Number(ts) > Number(latest) ? ts : latest));
}
