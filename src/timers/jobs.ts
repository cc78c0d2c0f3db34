import { z } from 'zod';

/**
 * The names and data of the request timers' jobs, in one module that imports neither `jobs/`
 * nor `services/`, so the hooks that schedule them and the jobs that run them both depend on it
 * instead of on each other.
 */
export const RESPONSE_SLA = 'response-sla';
export const CLOSURE_SLA = 'closure-sla';
export const CLOSE_NUDGE = 'close-nudge';
export const AUTO_CLOSE = 'auto-close';
export const TRIAGE_CLEANUP = 'triage-cleanup';
export const CATCH_UP = 'catch-up';

/** The job of each SLA kind (`src/sla/`'s `SlaKind`). */
export const SLA_JOB = { response: RESPONSE_SLA, closure: CLOSURE_SLA } as const;

/** A request id, as every request timer's key. */
const RequestKey = z.string().regex(/^[0-9a-f]{24}$/);

/** SLA jobs: `key` is the request id (checked by the handler, which ignores anything else). */
export const SlaJobData = z.object({ key: z.string() });

/** `key`: the request id; `minutes`: the duration setting when the timer was scheduled. */
export const MinutesTimerData = z.object({ key: RequestKey, minutes: z.number().int().positive() });
export type MinutesTimerData = z.infer<typeof MinutesTimerData>;
