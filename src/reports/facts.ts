import { z } from 'zod';
import { businessMinutesBetween, type Calendar } from '../calendar/index.js';
import type { HistoryEntry, RequestStatus } from '../requests/request.js';
import { dayKey } from './buckets.js';

/** What of a stored request the metrics read (a request document has all of it). */
export interface ReportedRequest {
  channelId: string;
  status: RequestStatus;
  assigneeId: string | null;
  createdAt: Date;
  firstResponseAt: Date | null;
  closedAt: Date | null;
  /** Why it was closed, when a reason was given (`deflected`: a knowledge-base answer solved it). */
  closeReason?: string | null;
  severity: string | null;
  tags: readonly string[];
  category: string | null;
  categories: readonly { name: string; value: string }[];
  sla: {
    responseDueAt: Date | null;
    responseBreachedAt: Date | null;
    closureDueAt: Date | null;
    closureBreachedAt: Date | null;
  };
  feedback: { rating: number | null; at: Date | null } | null;
  history: readonly HistoryEntry[];
  messageCounts: { incoming: number; outgoing: number };
}

/**
 * Where a request is measured: the workspace's zone (which day things happened on), its
 * channel's working-hours calendar when enabled (null: wall-clock minutes) and its account.
 */
export interface ReportContext {
  zone: string;
  calendar: Calendar | null;
  accountId: string | null;
}

const SlaOutcome = z.enum(['met', 'breached', 'pending']).nullable();
const Timed = z.object({ day: z.string(), minutes: z.number().int() });

/**
 * A request's facts as the reports count them: the days things happened on (workspace zone),
 * the durations, outcomes and the dimensions it is reported under. Stored on the request as
 * the contribution last counted in the rollups (`reportFacts`), so a change counts the
 * difference.
 */
export const RequestFacts = z.object({
  day: z.string(),
  business: z.boolean(),
  dims: z.object({
    channel: z.string(),
    account: z.string().nullable(),
    agent: z.string().nullable(),
    label: z.array(z.string()),
    severity: z.string().nullable(),
    category: z.array(z.string()),
  }),
  incoming: z.number().int(),
  outgoing: z.number().int(),
  firstResponse: Timed.nullable(),
  resolution: Timed.nullable(),
  reopens: z.array(z.string()),
  sla: z.object({ response: SlaOutcome, closure: SlaOutcome }),
  csat: z.object({ day: z.string(), rating: z.number().int() }).nullable(),
  /** The day it was closed as deflected (left out otherwise, so older facts compare equal). */
  deflected: z.string().optional(),
});
export type RequestFacts = z.infer<typeof RequestFacts>;

/** Minutes from `a` to `b`: business minutes on a calendar, else wall-clock; whole, never negative. */
export function minutesBetween(calendar: Calendar | null, a: Date, b: Date): number {
  const minutes = calendar
    ? businessMinutesBetween(calendar, a, b)
    : (b.getTime() - a.getTime()) / 60_000;
  return Math.max(0, Math.round(minutes));
}

/**
 * SLA outcome of one clock: breached once a breach was recorded; met when the response came
 * (or, for closure, the request closed) without one; pending while the request is live; null
 * without a clock or once discarded unanswered.
 */
export function slaOutcome(
  dueAt: Date | null,
  breachedAt: Date | null,
  done: boolean,
  live: boolean,
): z.infer<typeof SlaOutcome> {
  if (breachedAt) return 'breached';
  if (!dueAt) return null;
  if (done) return 'met';
  return live ? 'pending' : null;
}

/**
 * The facts of one request (see README "Reports" for each metric's one-sentence definition).
 *
 * @example
 * // created Fri 16:00 Berlin, answered Mon 10:00, Mon–Fri 09–17: 1 h Fri + 1 h Mon = 120 business min
 * requestFacts(request, { zone: 'Europe/Berlin', calendar: berlin9to17, accountId: null }).firstResponse;
 * // { day: '2026-03-09', minutes: 120 }
 */
export function requestFacts(request: ReportedRequest, ctx: ReportContext): RequestFacts {
  const on = (at: Date) => dayKey(at, ctx.zone);
  const closed = request.status === 'closed' && request.closedAt ? request.closedAt : null;
  const categories = [
    ...new Set([
      ...(request.category ? [request.category] : []),
      ...request.categories.map((c) => `${c.name}:${c.value}`),
    ]),
  ].sort();
  const rating = request.feedback?.rating;
  const live = request.status !== 'closed' && request.status !== 'discarded';
  return {
    day: on(request.createdAt),
    business: ctx.calendar !== null,
    dims: {
      channel: request.channelId,
      account: ctx.accountId,
      agent: request.assigneeId,
      label: [...new Set(request.tags)].sort(),
      severity: request.severity,
      category: categories,
    },
    incoming: 1 + request.messageCounts.incoming,
    outgoing: request.messageCounts.outgoing,
    firstResponse: request.firstResponseAt && {
      day: on(request.firstResponseAt),
      minutes: minutesBetween(ctx.calendar, request.createdAt, request.firstResponseAt),
    },
    resolution: closed && {
      day: on(closed),
      minutes: minutesBetween(ctx.calendar, request.createdAt, closed),
    },
    reopens: request.history.filter(isReopen).map((entry) => on(entry.at)),
    sla: {
      response: slaOutcome(
        request.sla.responseDueAt,
        request.sla.responseBreachedAt,
        request.firstResponseAt !== null,
        live,
      ),
      closure: slaOutcome(request.sla.closureDueAt, request.sla.closureBreachedAt, !!closed, live),
    },
    csat:
      rating != null && request.feedback?.at
        ? { day: on(request.feedback.at), rating: Math.round(rating) }
        : null,
    ...(closed && request.closeReason === 'deflected' ? { deflected: on(closed) } : {}),
  };
}

/** A reopening: a move from closed back to a live status. */
const isReopen = (entry: HistoryEntry) =>
  entry.type === 'reopen' || (entry.type === 'status' && entry.from === 'closed');
