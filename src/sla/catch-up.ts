import { RUNNING_QUERY, SLA_KINDS, runningDue, type SlaFacts, type SlaKind } from './clocks.js';

/**
 * The SLAs of a request whose due date passed without a breach being recorded (the job was lost
 * with a process that died while running it): the catch-up runs their breach handler.
 *
 * @example
 * // response due 10:00, not answered, now 10:01 (bot was down at 10:00) = ['response']
 */
export function overdueKinds(request: SlaFacts, now: Date): SlaKind[] {
  return SLA_KINDS.filter((kind) => {
    const due = runningDue(kind, request);
    return due !== null && due <= now;
  });
}

/** Requests with an SLA whose due date passed without a breach being recorded (`overdueKinds`). */
export const overdueFilter = (now: Date) => ({
  $or: [
    { ...RUNNING_QUERY.response, 'sla.responseDueAt': { $lte: now } },
    { ...RUNNING_QUERY.closure, 'sla.closureDueAt': { $lte: now } },
  ],
});

/**
 * Alerts to send again: breaches recorded over `graceMs` ago whose alert never went out (the
 * process died between recording and alerting). The live path gets the grace period first.
 *
 * @example
 * // response breached 10:00 (alert pending), now 10:02, grace 1 min = resend response (due as stored)
 */
export function alertsToResend(
  sla: SlaFacts['sla'],
  now: Date,
  graceMs: number,
): { kind: SlaKind; due: Date }[] {
  const before = now.getTime() - graceMs;
  return sla.alertsPending.flatMap((kind) => {
    const breachedAt = kind === 'response' ? sla.responseBreachedAt : sla.closureBreachedAt;
    const due = kind === 'response' ? sla.responseDueAt : sla.closureDueAt;
    return breachedAt && breachedAt.getTime() < before && due ? [{ kind, due }] : [];
  });
}
