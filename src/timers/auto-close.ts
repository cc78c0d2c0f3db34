import { LIVE_STATUSES } from '../requests/lifecycle.js';
import type { HistoryEntry, RequestStatus } from '../requests/request.js';
import {
  CANCEL,
  KEEP,
  minutesAfter,
  scheduleOr,
  type MinutesTimer,
  type TimerChange,
  type TimerMoment,
} from './timer.js';
import { AUTO_CLOSE } from './jobs.js';

/** What the auto-close rules read of a request. */
export interface QuietFacts {
  status: RequestStatus;
  lastCustomerActivityAt: Date;
  history: readonly Pick<HistoryEntry, 'at' | 'type' | 'to'>[];
}

/**
 * Since when the customer has been quiet: their last message, or the request's last (re)opening
 * when that is later, so an agent reopening an old request does not see it closed at once.
 */
export function quietSince(request: Pick<QuietFacts, 'lastCustomerActivityAt' | 'history'>): Date {
  let since = request.lastCustomerActivityAt.getTime();
  for (const entry of request.history) {
    if (entry.type === 'status' && entry.to === 'open') since = Math.max(since, entry.at.getTime());
  }
  return new Date(since);
}

/**
 * When a live request closes itself: `minutes` after the customer went quiet; null when off or
 * not live.
 *
 * @example
 * // customer last wrote Mon 10:00, 120 min = closes Mon 12:00
 */
export function autoCloseDueAt(request: QuietFacts, minutes: number): Date | null {
  if (minutes <= 0 || !LIVE_STATUSES.includes(request.status)) return null;
  return minutesAfter(quietSince(request), minutes);
}

/**
 * What a request moment does to its auto-close: opening schedules it (a new request has nothing
 * to cancel); every customer message and a reopening reschedule it with the duration set at that
 * moment (or cancel it when off); a close or a discard cancels it.
 */
export function autoCloseTimer(
  moment: TimerMoment,
  request: QuietFacts,
  minutes: number,
): TimerChange {
  const due = autoCloseDueAt(request, minutes);
  if (moment.kind === 'created') return scheduleOr(due, KEEP);
  if (moment.kind === 'customerWrote') return scheduleOr(due, CANCEL);
  if (moment.kind === 'agentReplied') return KEEP;
  const wasLive = LIVE_STATUSES.includes(moment.from);
  const isLive = LIVE_STATUSES.includes(request.status);
  if (wasLive && !isLive) return CANCEL;
  return !wasLive && isLive ? scheduleOr(due, CANCEL) : KEEP;
}

/** The auto close timer: its job, its setting and its rule. */
export const AUTO_CLOSE_TIMER: MinutesTimer<QuietFacts> = {
  job: AUTO_CLOSE,
  minutes: (features) => features.requests.config.auto_close_duration_in_minutes,
  dueAt: autoCloseDueAt,
  decide: autoCloseTimer,
};

/** Once-only key of the "closed automatically" note: one per quiet spell. */
export function autoCloseClaim(
  requestId: string,
  request: Pick<QuietFacts, 'lastCustomerActivityAt' | 'history'>,
): string {
  return `auto-close:${requestId}:${quietSince(request).toISOString()}`;
}
