import { z } from 'zod';
import { LIVE_STATUSES } from '../requests/lifecycle.js';
import type { RequestStatus } from '../requests/request.js';
import type { Features } from '../settings/features.js';
import { slaDue } from './due.js';

/** The two promises: a first response, and a close. */
export const SlaKind = z.enum(['response', 'closure']);
export type SlaKind = z.infer<typeof SlaKind>;
export const SLA_KINDS: readonly SlaKind[] = SlaKind.options;

/** The SLA state a request stores (`request.sla`). */
export const SlaState = z.object({
  responseDueAt: z.date().nullable(),
  responseBreachedAt: z.date().nullable(),
  closureDueAt: z.date().nullable(),
  closureBreachedAt: z.date().nullable(),
  /** While on hold: when the closure clock stopped. */
  pausedAt: z.date().nullable(),
  /** Breaches recorded whose alert has not been sent yet (an outbox: a crash leaves it here). */
  alertsPending: z.array(SlaKind),
});
export type SlaState = z.infer<typeof SlaState>;

/** What the SLA rules read of a request. */
export interface SlaFacts {
  status: RequestStatus;
  firstResponseAt: Date | null;
  sla: SlaState;
}

/** The working hours both SLAs count in (they live under `response_sla`). */
export const slaWorkingHours = (features: Features) =>
  features.requests.support.response_sla.workingHoursConfig;

export function slaEnabled(kind: SlaKind, features: Features): boolean {
  const support = features.requests.support;
  return kind === 'response'
    ? support.response_sla.isEnabled
    : support.request_closure_sla.isEnabled;
}

/**
 * The due dates a new request's enabled clocks start with, counted from its creation in the
 * working hours set then (null: the calendar never opens, so that SLA never runs out); a kind is
 * absent when its SLA is off, and the whole result null when both are.
 *
 * @example
 * // created Fri 16:00 Berlin, response 120 business min (Mon–Fri 09–17) = response due Mon 10:00
 */
export function startClocks(
  createdAt: Date,
  features: Features,
): Partial<Record<SlaKind, Date | null>> | null {
  const support = features.requests.support;
  const hours = slaWorkingHours(features);
  const start: Partial<Record<SlaKind, Date | null>> = {};
  if (support.response_sla.isEnabled)
    start.response = slaDue(createdAt, support.response_sla.sla, hours);
  if (support.request_closure_sla.isEnabled)
    start.closure = slaDue(createdAt, support.request_closure_sla.sla, hours);
  return Object.keys(start).length > 0 ? start : null;
}

/** The clocks `startClocks` starts, as the request stores them (intake writes them with it). */
export function openingSla(
  createdAt: Date,
  features: Features,
): { responseDueAt?: Date | null; closureDueAt?: Date | null } | undefined {
  const start = startClocks(createdAt, features);
  return start ? { responseDueAt: start.response, closureDueAt: start.closure } : undefined;
}

/**
 * The due date of a running SLA: not met (response: no first response yet), not breached, not
 * paused (closure), on a live request; null when none runs. Its job fires at this date.
 */
export function runningDue(kind: SlaKind, request: SlaFacts): Date | null {
  const { sla } = request;
  if (!LIVE_STATUSES.includes(request.status)) return null;
  if (kind === 'response') {
    return request.firstResponseAt || sla.responseBreachedAt ? null : sla.responseDueAt;
  }
  return sla.closureBreachedAt || sla.pausedAt ? null : sla.closureDueAt;
}

/**
 * `runningDue(kind, request) !== null` as a query on the stored request (plain data, applied by
 * the store), kept next to `runningDue` so the two say the same: the breach is recorded with it
 * as the condition of its single update, and the catch-up looks for overdue SLAs with it.
 */
export const RUNNING_QUERY: Readonly<Record<SlaKind, Record<string, unknown>>> = {
  response: {
    status: { $in: LIVE_STATUSES },
    firstResponseAt: null,
    'sla.responseBreachedAt': null,
    'sla.responseDueAt': { $ne: null },
  },
  closure: {
    status: { $in: LIVE_STATUSES },
    'sla.closureBreachedAt': null,
    'sla.pausedAt': null,
    'sla.closureDueAt': { $ne: null },
  },
};

/** The SLA jobs a request needs: one per running clock, at its due date. */
export function clockTimers(request: SlaFacts): { kind: SlaKind; at: Date }[] {
  return SLA_KINDS.flatMap((kind) => {
    const at = runningDue(kind, request);
    return at ? [{ kind, at }] : [];
  });
}

/**
 * What a status change does to the clocks: closing or discarding ends both (and clears a pause);
 * on hold pauses the closure clock; leaving hold resumes it; anything else leaves them.
 */
export type ClockChange = 'end' | 'pause' | 'resume' | 'none';

export function clockChange(from: RequestStatus, to: RequestStatus): ClockChange {
  if (from === to) return 'none';
  if (!LIVE_STATUSES.includes(to)) return 'end';
  if (to === 'on_hold') return 'pause';
  return from === 'on_hold' ? 'resume' : 'none';
}
