import type { RequestStatus } from '../requests/request.js';
import type { Features } from '../settings/features.js';

/** A moment of a request's life that may move its timers (the request hooks' moments). */
export type TimerMoment =
  | { kind: 'created' }
  | { kind: 'agentReplied' }
  | { kind: 'customerWrote' }
  | { kind: 'changed'; from: RequestStatus };

/**
 * What a request moment does to one of the request's pending timers (a job per kind and request):
 * schedule (or move) it to `at`, cancel it, or leave it as it is.
 */
export type TimerChange = { kind: 'schedule'; at: Date } | { kind: 'cancel' } | { kind: 'keep' };

export const KEEP: TimerChange = { kind: 'keep' };
export const CANCEL: TimerChange = { kind: 'cancel' };

/** Schedule at `at` when there is a due date, else `otherwise` (cancel, or leave as is). */
export function scheduleOr(at: Date | null, otherwise: TimerChange): TimerChange {
  return at ? { kind: 'schedule', at } : otherwise;
}

/**
 * What a job that fell due does, from the due date it computes again from the request's current
 * state: nothing (the request is gone or the timer no longer applies), wait (the due date moved
 * later, e.g. the customer wrote since), or fire.
 */
export type DueStep = { kind: 'skip' } | { kind: 'wait'; at: Date } | { kind: 'fire'; due: Date };

/**
 * @example
 * // due 10:05, now 10:00 = wait until 10:05; due 10:05, now 10:05 = fire
 * dueStep(new Date('2026-03-02T10:05:00Z'), new Date('2026-03-02T10:00:00Z')); // wait
 */
export function dueStep(due: Date | null, now: Date): DueStep {
  if (!due) return { kind: 'skip' };
  return now < due ? { kind: 'wait', at: due } : { kind: 'fire', due };
}

/** `minutes` later. */
export const minutesAfter = (at: Date, minutes: number) =>
  new Date(at.getTime() + minutes * 60_000);

/**
 * A request timer whose duration is a minutes setting (nudge, auto-close, clean-up): its job, the
 * setting, its due date, and what each moment does to it with the duration set at that moment.
 */
export interface MinutesTimer<Facts> {
  job: string;
  /** The duration setting (0: off). */
  minutes: (features: Features) => number;
  /** When the timer falls due for the request as it is now; null when it no longer applies. */
  dueAt: (request: Facts, minutes: number) => Date | null;
  decide: (moment: TimerMoment, request: Facts, minutes: number) => TimerChange;
}
