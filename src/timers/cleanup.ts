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
import { TRIAGE_CLEANUP } from './jobs.js';

/** What the triage clean-up rules read of a request. */
export interface CleanupFacts {
  status: RequestStatus;
  closedAt: Date | null;
}

/**
 * When a closed request's triage card goes: `minutes` after it closed; null when off or not
 * closed.
 *
 * @example
 * // closed Mon 10:00, 30 min = card deleted Mon 10:30
 */
export function cleanupDueAt(request: CleanupFacts, minutes: number): Date | null {
  if (minutes <= 0 || request.status !== 'closed' || !request.closedAt) return null;
  return minutesAfter(request.closedAt, minutes);
}

/**
 * What a request moment does to the card's clean-up (only status changes count): closing schedules it with the duration set at
 * that moment; reopening cancels it, so a reopened request keeps its card.
 */
export function cleanupTimer(
  moment: TimerMoment,
  request: CleanupFacts,
  minutes: number,
): TimerChange {
  if (moment.kind !== 'changed') return KEEP;
  if (request.status === 'closed' && moment.from !== 'closed')
    return scheduleOr(cleanupDueAt(request, minutes), KEEP);
  return moment.from === 'closed' && request.status !== 'closed' ? CANCEL : KEEP;
}

/** The cleanup timer: its job, its setting and its rule. */
export const CLEANUP_TIMER: MinutesTimer<CleanupFacts> = {
  job: TRIAGE_CLEANUP,
  minutes: (features) => features.requests.config.delete_notification_from_triage_in_minutes,
  dueAt: cleanupDueAt,
  decide: cleanupTimer,
};

/** The card a due clean-up deletes; null when the request has no card (any more). */
export function cleanupTarget(request: {
  triage: { channelId: string | null; ts: string | null };
}): { channelId: string; ts: string } | null {
  const { channelId, ts } = request.triage;
  return channelId && ts ? { channelId, ts } : null;
}
