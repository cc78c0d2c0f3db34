import { EMOJI } from '../constants.js';
import { slackDate } from '../text/mrkdwn.js';
import { LIVE_STATUSES, STATUS_LABEL } from './lifecycle.js';
import type { RequestStatus } from './request.js';
import type { SenderKind } from './sender.js';

/** What a request keeps of its escalations: the last one's who, when and why, and how many. */
export interface EscalationMark {
  at: Date | null;
  by: string | null;
  count: number;
  reason: string | null;
}

/** What the decision reads: the request, the channel's settings, who asks, and the time. */
export interface EscalationFacts {
  request: { status: RequestStatus; escalated?: Pick<EscalationMark, 'at' | 'by'> | null };
  /** `requests.config.is_request_escalation_enabled`. */
  enabled: boolean;
  /** `tickets.config.escalation_cool_off_period_in_min`; 0 means none. */
  coolOffMinutes: number;
  /** Who asks, as `classifySender` sees them: only agents escalate. */
  who: SenderKind;
  now: Date;
}

/** Why an escalation is refused. */
export type EscalationRefusal = 'disabled' | 'not_agent' | 'not_live' | 'cooling_off';

export type EscalationDecision =
  | {
      kind: 'escalate';
      /**
       * The write's condition: the request may be escalated when its last escalation is at or
       * before this time (or it has none). The same rule as the decision, so of two clicks at
       * once only the first write matches.
       */
      lastAtOrBefore: Date;
    }
  | { kind: 'refuse'; reason: EscalationRefusal; text: string; nextAllowedAt?: Date };

const MINUTE = 60_000;

/** When a request last escalated at `lastAt` may be escalated again (`lastAt` itself with no cool-off). */
export function nextEscalationAt(lastAt: Date, coolOffMinutes: number): Date {
  return new Date(lastAt.getTime() + coolOffMinutes * MINUTE);
}

/**
 * May this person escalate this request now? Checked in this order: escalation is on for the
 * channel, the person is on the support side, the request is live (not closed or discarded),
 * and the last escalation is at least the cool-off ago. A refusal carries the sentence the
 * person is shown and, within the cool-off, when escalating is allowed again.
 *
 * @example
 * // last escalated 09:00 with a 30-minute cool-off: at 09:10 refused until 09:30; at 09:30 allowed
 */
export function decideEscalation(facts: EscalationFacts): EscalationDecision {
  const { request, now, coolOffMinutes } = facts;
  if (!facts.enabled) return refuse('disabled', ESCALATION_OFF);
  if (facts.who !== 'agent') return refuse('not_agent', AGENTS_ONLY);
  if (!LIVE_STATUSES.includes(request.status)) {
    const status = STATUS_LABEL[request.status].toLowerCase();
    return refuse(
      'not_live',
      `:no_entry: This request is ${status}; only an open request can be escalated. Nothing was changed.`,
    );
  }
  const lastAtOrBefore = new Date(now.getTime() - coolOffMinutes * MINUTE);
  const last = request.escalated?.at;
  if (last && last > lastAtOrBefore) {
    const nextAllowedAt = nextEscalationAt(last, coolOffMinutes);
    const by = request.escalated?.by ? ` by <@${request.escalated.by}>` : '';
    return {
      kind: 'refuse',
      reason: 'cooling_off',
      text:
        `:hourglass: This request was already escalated${by} at ${slackDate(last)}; ` +
        `it can be escalated again from ${slackDate(nextAllowedAt)}. Nothing was changed.`,
      nextAllowedAt,
    };
  }
  return { kind: 'escalate', lastAtOrBefore };
}

const ESCALATION_OFF =
  ':no_entry: Escalation is turned off for this channel (`requests.config.is_request_escalation_enabled`). Nothing was changed.';
const AGENTS_ONLY = ':no_entry: Only the support team can escalate a request. Nothing was changed.';

function refuse(
  reason: Exclude<EscalationRefusal, 'cooling_off'>,
  text: string,
): EscalationDecision {
  return { kind: 'refuse', reason, text };
}

/** Whether a reaction asks to escalate: ‼️ (`bangbang`), by anyone but the bot itself. */
export function isEscalationReaction(
  reaction: string,
  userId: string,
  botUserId: string | undefined,
): boolean {
  return userId !== botUserId && reaction.split('::')[0] === EMOJI.escalate;
}

/** The longest reason `/triage escalate` takes; it is shown in the escalation channel. */
export const MAX_ESCALATION_REASON = 500;
