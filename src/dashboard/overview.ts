import { z } from 'zod';

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
  totals: {
    requests: number;
    csat: number | null;
    /** Which minutes the time charts count: business minutes where working hours are on. */
    timeUnit: { firstResponse: string; resolution: string };
  };
  charts: {
    requestsPerDay: Chart;
    backlog: Chart;
    firstResponse: Chart;
    resolution: Chart;
    slaCompliance: Chart;
    csat: Chart;
  };
}

/** What the overview is drawn from: the reports' series, summary and backlog (plain data). */
export interface OverviewSource {
  days: readonly string[];
  requestsPerDay: readonly (number | null)[];
  slaResponsePerDay: readonly (number | null)[];
  slaClosurePerDay: readonly (number | null)[];
  firstResponse: Readonly<Record<string, number>>;
  resolution: Readonly<Record<string, number>>;
  timeUnit: { first_response: string; resolution: string };
  ratings: Readonly<Record<string, number>>;
  requests: number;
  backlog: { open: number; unassigned: number; unattended: number };
}

const DAY_MS = 86_400_000;
const Day = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** `?since&until` (days of the workspace's zone, both included); by default the 14 days up to today. */
export const OverviewQuery = z.object({ since: Day.optional(), until: Day.optional() }).strict();
export type OverviewQuery = z.infer<typeof OverviewQuery>;

/** The most days one overview covers. */
export const MAX_DAYS = 92;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The first and last day of an overview, or a sentence saying what is wrong: `until` defaults to
 * `today` (the workspace's) and `since` to 13 days before it.
 *
 * @example
 * overviewWindow({ since: '2026-11-01' }, '2026-11-02'); // { first: '2026-11-01', last: '2026-11-02' }
 */
export function overviewWindow(
  query: OverviewQuery,
  today: string,
): { first: string; last: string } | { problem: string; field: 'since' | 'until' } {
  const last = dayNumber(query.until ?? today);
  const first = query.since ? dayNumber(query.since) : last - 13;
  if (first > last) return { problem: 'must not be after until', field: 'since' };
  if (last - first + 1 > MAX_DAYS)
    return { problem: `the window is at most ${MAX_DAYS} days`, field: 'since' };
  return { first: dayOf(first), last: dayOf(last) };
}

const one = (name: string, labels: readonly string[], data: readonly (number | null)[]) => ({
  labels: [...labels],
  series: [{ name, data: [...data] }],
});

/**
 * The overview's charts from the reports (`services/reports`): requests opened per day, the
 * share of SLA clocks met per day (response and closure; pending ones left out), the
 * first-response and resolution time histograms, the ratings, and the live backlog. CSAT is the
 * share of ratings of 4 or 5.
 */
export function overviewOf(source: OverviewSource): Overview {
  const ratings = ['1', '2', '3', '4', '5'].map((r) => source.ratings[r] ?? 0);
  const rated = ratings.reduce((a, b) => a + b, 0);
  const good = (ratings[3] ?? 0) + (ratings[4] ?? 0);
  const { days } = source;
  return {
    since: days[0] ?? '',
    until: days.at(-1) ?? '',
    totals: {
      requests: source.requests,
      csat: rated ? Math.round((100 * good) / rated) : null,
      timeUnit: {
        firstResponse: source.timeUnit.first_response,
        resolution: source.timeUnit.resolution,
      },
    },
    charts: {
      requestsPerDay: one('Requests', days, source.requestsPerDay),
      backlog: one(
        'Requests',
        ['open', 'unassigned', 'unattended'],
        [source.backlog.open, source.backlog.unassigned, source.backlog.unattended],
      ),
      firstResponse: one(
        'Requests',
        Object.keys(source.firstResponse),
        Object.values(source.firstResponse),
      ),
      resolution: one('Requests', Object.keys(source.resolution), Object.values(source.resolution)),
      slaCompliance: {
        labels: [...days],
        series: [
          { name: 'Response SLA met (%)', data: [...source.slaResponsePerDay] },
          { name: 'Closure SLA met (%)', data: [...source.slaClosurePerDay] },
        ],
      },
      csat: one('Ratings', ['1', '2', '3', '4', '5'], ratings),
    },
  };
}
