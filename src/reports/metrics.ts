import { z } from 'zod';
import { DURATION_BUCKETS, DURATION_LABELS, type Counter, type Counters } from './contributions.js';

/** The metrics a series can be asked for: seed 003's six, then this bot's. */
export const Metric = z.enum([
  'conversations_count',
  'incoming_messages_count',
  'outgoing_messages_count',
  'avg_first_response_time',
  'avg_resolution_time',
  'resolutions_count',
  'median_first_response_time',
  'median_resolution_time',
  'reopens_count',
  'sla_response_met_percent',
  'sla_closure_met_percent',
  'csat_responses_count',
  'csat_average',
  'csat_response_rate',
]);
export type Metric = z.infer<typeof Metric>;

const n = (c: Counters, k: Counter) => c[k] ?? 0;
const ratio = (part: number, whole: number, scale = 1): number | null =>
  whole === 0 ? null : Math.round((part / whole) * scale * 100) / 100;

/**
 * The median of a histogram kept as counts: the upper bound (minutes) of the bucket holding the
 * middle value (the open last bucket answers its lower bound, 4320); null when empty.
 *
 * @example
 * medianOf({ frtH0: 1, frtH2: 2 }, 'frtH'); // 30: the 2nd of 3 values lies in 15–30 min
 */
export function medianOf(c: Counters, prefix: 'frtH' | 'resH'): number | null {
  const counts = DURATION_LABELS.map((_, i) => n(c, `${prefix}${i}` as Counter));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [i, count] of counts.entries()) {
    seen += count;
    if (seen * 2 >= total) return i === counts.length - 1 ? 4320 : DURATION_BUCKETS[i]!;
  }
  return null;
}

/**
 * A metric of summed counters: counts as counts, times in minutes (business minutes where the
 * channel's working hours are on), percentages 0–100 with two decimals; null when undefined (an
 * average of nothing).
 */
export function metricValue(metric: Metric, c: Counters): number | null {
  switch (metric) {
    case 'conversations_count':
      return n(c, 'conversations');
    case 'incoming_messages_count':
      return n(c, 'incoming');
    case 'outgoing_messages_count':
      return n(c, 'outgoing');
    case 'resolutions_count':
      return n(c, 'resolutions');
    case 'reopens_count':
      return n(c, 'reopens');
    case 'avg_first_response_time':
      return ratio(n(c, 'frtSum'), n(c, 'frtCount'));
    case 'avg_resolution_time':
      return ratio(n(c, 'resSum'), n(c, 'resolutions'));
    case 'median_first_response_time':
      return medianOf(c, 'frtH');
    case 'median_resolution_time':
      return medianOf(c, 'resH');
    case 'sla_response_met_percent':
      return ratio(
        n(c, 'slaResponseMet'),
        n(c, 'slaResponseMet') + n(c, 'slaResponseBreached'),
        100,
      );
    case 'sla_closure_met_percent':
      return ratio(n(c, 'slaClosureMet'), n(c, 'slaClosureMet') + n(c, 'slaClosureBreached'), 100);
    case 'csat_responses_count':
      return n(c, 'csatCount');
    case 'csat_average':
      return ratio(n(c, 'csatSum'), n(c, 'csatCount'));
    case 'csat_response_rate':
      return ratio(n(c, 'csatCount'), n(c, 'resolutions'), 100);
  }
}

/** Which minutes the times are in: all business, all wall-clock, or a mix of channels. */
export function timeUnit(
  c: Counters,
  count: 'frtCount' | 'resolutions',
): 'business_minutes' | 'minutes' | 'mixed' {
  const business = n(c, count === 'frtCount' ? 'frtBusiness' : 'resBusiness');
  if (business === 0) return 'minutes';
  return business === n(c, count) ? 'business_minutes' : 'mixed';
}

/** Adds counters together. */
export function sumCounters(rows: Iterable<Counters>): Counters {
  const out: Counters = {};
  for (const row of rows)
    for (const [k, v] of Object.entries(row) as [Counter, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** The histogram of a duration as `{label: count}` (the dashboard's bars). */
export function histogramOf(c: Counters, prefix: 'frtH' | 'resH'): Record<string, number> {
  return Object.fromEntries(
    DURATION_LABELS.map((label, i) => [label, n(c, `${prefix}${i}` as Counter)]),
  );
}

/** The ratings 1–5 as `{rating: count}`. */
export function csatDistribution(c: Counters): Record<string, number> {
  return Object.fromEntries([1, 2, 3, 4, 5].map((r) => [String(r), n(c, `csatR${r}` as Counter)]));
}
