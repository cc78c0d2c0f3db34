/**
 * The App Home's week (issue 13, part 4): the viewer's last seven days against the seven before,
 * read from the reports' summary. Pure: which numbers, how each reads, and which way is better.
 */

/** The part of the reports' summary (`services/reports/query.ts` `summaryOf`) a week reads. */
export interface WeekSummary {
  conversations_count: number;
  median_first_response_time: number | null;
  median_resolution_time: number | null;
  time_unit: { first_response: string; resolution: string };
  sla: { response: { met_percent: number | null } };
  csat: { distribution: Readonly<Record<string, number>> };
}

/** One line of the week: what, this week, the week before, and how it moved. */
export interface WeekLine {
  label: string;
  now: string;
  before: string;
  /** `better` / `worse` than the week before, `same`, or null when either week has no value. */
  trend: 'better' | 'worse' | 'same' | null;
}

/** What a week shows: whose numbers, and its lines. */
export interface HomeWeek {
  /** `mine`: requests assigned to the viewer; `team`: the workspace's (the viewer holds none). */
  whose: 'mine' | 'team';
  backlog: { open: number; unassigned: number };
  lines: WeekLine[];
}

/** The share of ratings of 4 or 5, in per cent; null without ratings. */
export function csatPercent(distribution: Readonly<Record<string, number>>): number | null {
  const counts = ['1', '2', '3', '4', '5'].map((r) => distribution[r] ?? 0);
  const rated = counts.reduce((a, b) => a + b, 0);
  return rated === 0 ? null : Math.round((100 * (counts[3]! + counts[4]!)) / rated);
}

/**
 * A median read from the reports' histogram: the upper bound of the bucket holding the middle
 * value, so "at most"; in minutes, hours or days.
 *
 * @example
 * medianText(90, 'minutes'); // "≤ 1.5 h"
 */
export function medianText(minutes: number | null, unit: string): string {
  if (minutes === null) return '–';
  const business = unit === 'business_minutes' ? ' (business)' : '';
  if (minutes < 60) return `≤ ${minutes} min${business}`;
  if (minutes < 1440) return `≤ ${round(minutes / 60)} h${business}`;
  return `≤ ${round(minutes / 1440)} d${business}`;
}

const round = (n: number) => String(Math.round(n * 10) / 10);
const percent = (n: number | null) => (n === null ? '–' : `${Math.round(n)}%`);

/** How `now` compares with `before` when `higher` is better (or worse). */
function trendOf(
  now: number | null,
  before: number | null,
  higher: 'better' | 'worse',
): WeekLine['trend'] {
  if (now === null || before === null) return null;
  if (now === before) return 'same';
  const up = now > before;
  return up === (higher === 'better') ? 'better' : 'worse';
}

/**
 * The week's lines: requests opened (more is neither better nor worse: shown as it moved), the
 * first-response and resolution medians (lower is better), the share of response SLAs met and
 * CSAT (higher is better).
 */
export function weekLines(now: WeekSummary, before: WeekSummary): WeekLine[] {
  const line = (
    label: string,
    pick: (s: WeekSummary) => number | null,
    text: (value: number | null, s: WeekSummary) => string,
    higher: 'better' | 'worse' | null,
  ): WeekLine => {
    const [a, b] = [pick(now), pick(before)];
    const trend = higher ? trendOf(a, b, higher) : a === b ? 'same' : null;
    return { label, now: text(a, now), before: text(b, before), trend };
  };
  return [
    line(
      'Requests opened',
      (s) => s.conversations_count,
      (v) => String(v ?? 0),
      null,
    ),
    line(
      'First response (median)',
      (s) => s.median_first_response_time,
      (v, s) => medianText(v, s.time_unit.first_response),
      'worse',
    ),
    line(
      'Resolution (median)',
      (s) => s.median_resolution_time,
      (v, s) => medianText(v, s.time_unit.resolution),
      'worse',
    ),
    line('Response SLA met', (s) => s.sla.response.met_percent, percent, 'better'),
    line('CSAT (4–5 of 5)', (s) => csatPercent(s.csat.distribution), percent, 'better'),
  ];
}
