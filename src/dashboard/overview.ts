import { z } from 'zod';
import type { RequestStatus } from '../requests/request.js';

/** One chart's numbers, whatever computed them: the page draws any `{labels, series}` alike. */
export const Chart = z.object({
  labels: z.array(z.string()),
  series: z.array(z.object({ name: z.string(), data: z.array(z.number().nullable()) })),
});
export type Chart = z.infer<typeof Chart>;

/** The overview page's charts and headline numbers. */
export interface Overview {
  since: string;
  until: string;
  totals: { requests: number; csat: number | null; truncated: boolean };
  charts: {
    requestsPerDay: Chart;
    statuses: Chart;
    firstResponse: Chart;
    resolution: Chart;
    slaCompliance: Chart;
    csat: Chart;
  };
}

/** What the overview reads of one request (plain data; the service loads it). */
export interface RequestFact {
  createdAt: Date;
  firstResponseAt: Date | null;
  closedAt: Date | null;
  status: RequestStatus;
  sla: { responseBreachedAt: Date | null; closureBreachedAt: Date | null };
  feedback: { rating: number | null } | null;
}

const DAY_MS = 86_400_000;
const Day = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** `?since&until` (UTC days, both included); by default the 14 days up to today. */
export const OverviewQuery = z.object({ since: Day.optional(), until: Day.optional() }).strict();
export type OverviewQuery = z.infer<typeof OverviewQuery>;

/** The most days one overview covers. */
export const MAX_DAYS = 92;

/**
 * The window of an overview as `[since, until)` instants, or a sentence saying what is wrong:
 * `until` defaults to today and `since` to 13 days before it.
 *
 * @example
 * overviewWindow({ since: '2026-11-01', until: '2026-11-02' }, now); // 2 days: Nov 1 00:00 → Nov 3 00:00
 */
export function overviewWindow(
  query: OverviewQuery,
  now: Date,
): { since: Date; until: Date } | { problem: string; field: 'since' | 'until' } {
  const last = query.until ? new Date(`${query.until}T00:00:00Z`) : startOfDay(now);
  const first = query.since ? new Date(`${query.since}T00:00:00Z`) : new Date(+last - 13 * DAY_MS);
  if (first > last) return { problem: 'must not be after until', field: 'since' };
  if ((+last - +first) / DAY_MS + 1 > MAX_DAYS)
    return { problem: `the window is at most ${MAX_DAYS} days`, field: 'since' };
  return { since: first, until: new Date(+last + DAY_MS) };
}

/** Upper bounds (minutes, exclusive) of the time buckets, and their labels. */
const BUCKETS: readonly [number, string][] = [
  [15, '< 15 min'],
  [60, '15–60 min'],
  [240, '1–4 h'],
  [1440, '4–24 h'],
  [Infinity, '> 1 day'],
];

/**
 * The overview of the requests created in `[since, until)`: per day (UTC), the share of them
 * that met their SLAs, the distributions of first-response and resolution times, statuses and
 * ratings (CSAT = the share of ratings of 4 or 5).
 */
export function overviewOf(
  facts: readonly RequestFact[],
  window: { since: Date; until: Date },
  truncated = false,
): Overview {
  const days: string[] = [];
  for (let at = +window.since; at < +window.until; at += DAY_MS) days.push(dayOf(new Date(at)));
  const perDay = new Map(days.map((day) => [day, { count: 0, met: 0 }]));
  const statuses = new Map<RequestStatus, number>(
    (['open', 'in_progress', 'on_hold', 'closed', 'discarded'] as const).map((s) => [s, 0]),
  );
  const firstResponse = BUCKETS.map(() => 0);
  const resolution = BUCKETS.map(() => 0);
  const ratings = [0, 0, 0, 0, 0];
  for (const fact of facts) {
    const day = perDay.get(dayOf(fact.createdAt));
    if (day) {
      day.count += 1;
      if (!fact.sla.responseBreachedAt && !fact.sla.closureBreachedAt) day.met += 1;
    }
    statuses.set(fact.status, (statuses.get(fact.status) ?? 0) + 1);
    if (fact.firstResponseAt) firstResponse[bucketOf(fact.createdAt, fact.firstResponseAt)]! += 1;
    if (fact.closedAt && fact.status === 'closed')
      resolution[bucketOf(fact.createdAt, fact.closedAt)]! += 1;
    const rating = fact.feedback?.rating;
    if (rating && rating >= 1 && rating <= 5) ratings[Math.round(rating) - 1]! += 1;
  }
  const rated = ratings.reduce((a, b) => a + b, 0);
  const bucketLabels = BUCKETS.map(([, label]) => label);
  const counts = [...perDay.values()];
  return {
    since: days[0] ?? dayOf(window.since),
    until: days.at(-1) ?? dayOf(window.since),
    totals: {
      requests: facts.length,
      csat: rated ? Math.round((100 * ((ratings[3] ?? 0) + (ratings[4] ?? 0))) / rated) : null,
      truncated,
    },
    charts: {
      requestsPerDay: {
        labels: days,
        series: [{ name: 'Requests', data: counts.map((d) => d.count) }],
      },
      statuses: {
        labels: [...statuses.keys()].map((status) => status.replace('_', ' ')),
        series: [{ name: 'Requests', data: [...statuses.values()] }],
      },
      firstResponse: { labels: bucketLabels, series: [{ name: 'Requests', data: firstResponse }] },
      resolution: { labels: bucketLabels, series: [{ name: 'Requests', data: resolution }] },
      slaCompliance: {
        labels: days,
        series: [
          {
            name: 'Met SLA (%)',
            data: counts.map((d) => (d.count ? Math.round((100 * d.met) / d.count) : null)),
          },
        ],
      },
      csat: { labels: ['1', '2', '3', '4', '5'], series: [{ name: 'Ratings', data: ratings }] },
    },
  };
}

function bucketOf(from: Date, to: Date): number {
  const minutes = (+to - +from) / 60_000;
  return BUCKETS.findIndex(([upper]) => minutes < upper);
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const startOfDay = (at: Date) => new Date(`${dayOf(at)}T00:00:00Z`);
