import { LIVE_STATUSES, STATUS_LABEL } from '../requests/lifecycle.js';
import type { RequestStatus } from '../requests/request.js';
import {
  CANCEL,
  KEEP,
  minutesAfter,
  scheduleOr,
  type MinutesTimer,
  type TimerChange,
  type TimerMoment,
} from './timer.js';
import { CLOSE_NUDGE } from './jobs.js';

/** What the close-nudge rules read of a request. */
export interface NudgeFacts {
  status: RequestStatus;
  lastCustomerActivityAt: Date;
  lastAgentActivityAt: Date | null;
}

/**
 * When the close nudge of a request falls due: `minutes` after the last agent reply, for a live
 * request whose customer has not written since ("answered and quiet"); null when there is
 * nothing to nudge about (not answered, the customer wrote last, not live, or nudges are off).
 *
 * @example
 * // agent replied 10:05, customer quiet since 10:00, 60 min = due 11:05
 */
export function nudgeDueAt(request: NudgeFacts, minutes: number): Date | null {
  const answeredAt = request.lastAgentActivityAt;
  if (minutes <= 0 || !answeredAt || !LIVE_STATUSES.includes(request.status)) return null;
  if (request.lastCustomerActivityAt.getTime() > answeredAt.getTime()) return null;
  return minutesAfter(answeredAt, minutes);
}

/**
 * What a request moment does to its close nudge: every agent reply (re)schedules it with the
 * duration set at that moment; a customer message cancels it, and so does leaving the live
 * statuses (close, discard).
 */
export function nudgeTimer(moment: TimerMoment, request: NudgeFacts, minutes: number): TimerChange {
  if (moment.kind === 'agentReplied') return scheduleOr(nudgeDueAt(request, minutes), CANCEL);
  if (moment.kind === 'customerWrote') return CANCEL;
  if (moment.kind !== 'changed') return KEEP;
  const left = LIVE_STATUSES.includes(moment.from) && !LIVE_STATUSES.includes(request.status);
  return left ? CANCEL : KEEP;
}

/** The nudge timer: its job, its setting and its rule. */
export const NUDGE_TIMER: MinutesTimer<NudgeFacts> = {
  job: CLOSE_NUDGE,
  minutes: (features) => features.requests.config.close_nudge_duration_in_minutes,
  dueAt: nudgeDueAt,
  decide: nudgeTimer,
};

/** What a due nudge posts: once per agent reply (the claim), and where. */
export interface NudgePlan {
  /** Once-only key: one nudge per agent reply, whatever number of instances run the job. */
  claim: string;
  /** The triage card's thread, unless `stop_nudge_for_triage_channel` or there is no card. */
  triage: { channelId: string; ts: string } | null;
}

/** The nudge a due job sends for an answered request (`lastAgentActivityAt` set). */
export function nudgePlan(
  requestId: string,
  request: { lastAgentActivityAt: Date; triage: { channelId: string | null; ts: string | null } },
  stopForTriage: boolean,
): NudgePlan {
  const { channelId, ts } = request.triage;
  return {
    claim: `nudge:${requestId}:${request.lastAgentActivityAt.toISOString()}`,
    triage: !stopForTriage && channelId && ts ? { channelId, ts } : null,
  };
}

/**
 * "Keep open" on a nudge: a sentence for the clicker when the request is gone or no longer live,
 * undefined when it may stay open (noted in its history).
 */
export function keepOpenRefusal(request: { status: RequestStatus } | null): string | undefined {
  if (!request) return 'That request no longer exists.';
  if (!LIVE_STATUSES.includes(request.status))
    return `This request is already ${STATUS_LABEL[request.status].toLowerCase()}.`;
  return undefined;
}
