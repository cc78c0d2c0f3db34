import type { RequestDoc } from '../../db/models/index.js';
import { EscalationStore } from '../../db/repositories/escalations.js';
import { RequestStore } from '../../db/repositories/requests.js';
import type { BotDeps } from '../../deps.js';
import { decideEscalation, type EscalationDecision } from '../../requests/escalation.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { escalationNotice } from '../../views/escalation.js';
import type { ChannelContext } from '../requests/context.js';
import { channelContext } from '../requests/context.js';
import { senderOf } from '../requests/sender.js';
import { logStep, TriageCard } from '../requests/triage-card.js';

/** Who asks to escalate, and why. */
export interface Escalator {
  userId: string;
  /** The bot's own user id, when the payload says it (its own reactions are never requests). */
  botUserId?: string;
  reason?: string | null;
  /** Their own Slack team, when the payload says it (`actorOf`): a customer's in Slack Connect. */
  userTeamId?: string;
}

/** Escalated, or the sentence the person is shown instead (nothing was written). */
export type EscalationOutcome = { ok: true; request: RequestDoc } | { ok: false; text: string };

const CHANGED_MEANWHILE =
  ':warning: This request changed while you escalated it; nothing was changed. Please try again.';
const NOT_TRACKED =
  ':warning: The bot no longer tracks the channel of this request; nothing was changed.';

/**
 * Escalates a request: load the channel and who asks, decide (`decideEscalation`), write once
 * (`RequestStore.escalate`, conditional on the same cool-off), then tell the escalation channel,
 * the customer's thread and the triage card. A refusal, or losing the write to a simultaneous
 * escalation, writes and posts nothing and answers the sentence to show.
 */
export async function escalate(
  deps: BotDeps,
  slack: SlackGateway,
  request: RequestDoc,
  who: Escalator,
): Promise<EscalationOutcome> {
  const ctx = await channelContext(deps, slack, request.teamId, request.channelId);
  if (!ctx) return { ok: false, text: NOT_TRACKED };
  const identity = {
    teamId: request.teamId,
    botUserId: who.botUserId ?? '',
    userId: who.userId,
    userTeamId: who.userTeamId,
  };
  const sender = await senderOf(slack, ctx, identity, request.requesterId);
  const now = deps.clock.now();
  const decide = (state: RequestDoc): EscalationDecision =>
    decideEscalation({
      request: state,
      enabled: ctx.features.requests.config.is_request_escalation_enabled,
      coolOffMinutes: ctx.features.tickets.config.escalation_cool_off_period_in_min,
      who: sender,
      now,
    });
  const decision = decide(request);
  if (decision.kind === 'refuse') return { ok: false, text: decision.text };
  const store = new RequestStore(deps.models);
  const reason = who.reason?.trim() || null;
  const after = await new EscalationStore(deps.models).escalate(
    request._id,
    who.userId,
    now,
    decision.lastAtOrBefore,
    reason,
  );
  if (!after) {
    // Another escalation (or a close) won the write: say what the request is like now.
    const stored = await store.byId(String(request._id));
    const again = stored ? decide(stored) : undefined;
    return { ok: false, text: again?.kind === 'refuse' ? again.text : CHANGED_MEANWHILE };
  }
  await announce(deps, slack, ctx, after, who.userId);
  return { ok: true, request: after };
}

/**
 * What follows an escalation, each Slack call on its own (a failure is logged, the escalation
 * stays recorded): the escalation channel (`send_request_escalation_message_channel`, else the
 * triage channel) hears of it, `message_for_request_escalation` goes to the customer's thread,
 * and the card is redrawn to show it.
 */
async function announce(
  deps: BotDeps,
  slack: SlackGateway,
  ctx: ChannelContext,
  request: RequestDoc,
  by: string,
): Promise<void> {
  const config = ctx.features.requests.config;
  const target = config.send_request_escalation_message_channel ?? ctx.channel.triageChannelId;
  if (target) {
    const link = await slack.permalink(request.channelId, request.rootTs, {
      bestEffort: logStep(request, 'escalation_permalink'),
    });
    const notice = escalationNotice({
      requesterId: request.requesterId,
      channelId: request.channelId,
      link,
      by,
      reason: request.escalated.reason,
      count: request.escalated.count,
    });
    await slack.post(
      { channel: target, ...notice, unfurl_links: false },
      { bestEffort: logStep(request, 'escalation_notice') },
    );
  }
  const message = config.message_for_request_escalation.trim();
  if (message) {
    await slack.post(
      { channel: request.channelId, thread_ts: request.rootTs, text: message },
      { bestEffort: logStep(request, 'escalation_thread') },
    );
  }
  await new TriageCard(deps, slack).update(ctx, request);
}
