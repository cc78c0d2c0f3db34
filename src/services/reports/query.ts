import { AgentStore } from '../../db/repositories/agents.js';
import { AppError } from '../../errors.js';
import { ReportRollupStore, type RollupRow } from '../../db/repositories/report-rollups.js';
import { ReportScopeStore, type Backlog } from '../../db/repositories/report-scope.js';
import {
  bucketKey,
  bucketsBetween,
  csatDistribution,
  dayKey,
  dayStart,
  daysBetween,
  shiftDay,
  histogramOf,
  metricValue,
  sumCounters,
  timeUnit,
  type Counters,
  type GroupBy,
  type Metric,
} from '../../reports/index.js';
import { workspaceZone, type ReportDeps } from './context.js';
import { scopeOf, type ReportFilter } from './scope.js';

export type { ReportFilter };

/** A report's range: whole workspace-zone days from the day of `since` to the day of `until`. */
export interface ReportRange {
  since: Date;
  until: Date;
  filter?: ReportFilter;
}

/** One point of a series: seed 003's `{value, timestamp}` (Unix seconds of the bucket's start). */
export interface SeriesPoint {
  value: number | null;
  timestamp: number;
}

/** The rollup rows of a filter's subject from day `first` to day `last` (inclusive). */
async function rowsOf(
  deps: ReportDeps,
  teamId: string,
  filter: ReportFilter | undefined,
  [first, last]: [string, string],
) {
  const scope = await scopeOf(deps, teamId, filter);
  return new ReportRollupStore(deps.models).rows(
    teamId,
    scope.dimension,
    scope.values,
    first,
    last,
  );
}

/** A range's first and last workspace-zone days. */
const daysOf = (range: ReportRange, zone: string): [string, string] => [
  dayKey(range.since, zone),
  dayKey(range.until, zone),
];

/** Which minutes a time metric is in (`timeUnit` of the range's rows); null for other metrics. */
export type SeriesUnit = 'business_minutes' | 'minutes' | 'mixed' | null;

const UNIT_COUNT: Partial<Record<Metric, 'frtCount' | 'resolutions'>> = {
  avg_first_response_time: 'frtCount',
  median_first_response_time: 'frtCount',
  avg_resolution_time: 'resolutions',
  median_resolution_time: 'resolutions',
};

/**
 * A metric over time, one point per day, ISO week (Monday) or month of the workspace's zone,
 * empty buckets included (counts 0, averages null), read from the rollups only; with the unit
 * of a time metric over the whole range.
 */
export async function reportSeriesWithUnit(
  deps: ReportDeps,
  teamId: string,
  query: ReportRange & { metric: Metric; groupBy: GroupBy },
): Promise<{ points: SeriesPoint[]; unit: SeriesUnit }> {
  const zone = await workspaceZone(deps, teamId);
  const rows = await rowsOf(deps, teamId, query.filter, daysOf(query, zone));
  const byBucket = new Map<string, RollupRow[]>();
  for (const row of rows) {
    const bucket = bucketKey(row.day, query.groupBy);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), row]);
  }
  const sum = (of: RollupRow[]) => sumCounters(of.map((row) => row.counters));
  const points = bucketsBetween(query.since, query.until, zone, query.groupBy).map((bucket) => ({
    value: metricValue(query.metric, sum(byBucket.get(bucket) ?? [])),
    timestamp: dayStart(bucket, zone),
  }));
  const count = UNIT_COUNT[query.metric];
  return { points, unit: count ? timeUnit(sum(rows), count) : null };
}

/** `reportSeriesWithUnit`'s points: seed 003's `[{value, timestamp}]`. */
export async function reportSeries(
  deps: ReportDeps,
  teamId: string,
  query: ReportRange & { metric: Metric; groupBy: GroupBy },
): Promise<SeriesPoint[]> {
  return (await reportSeriesWithUnit(deps, teamId, query)).points;
}

/** Every metric of summed counters (the summary's body, also its `previous`). */
export function summaryOf(c: Counters) {
  const sla = (kind: 'Response' | 'Closure', metric: Metric) => ({
    met: c[`sla${kind}Met`] ?? 0,
    breached: c[`sla${kind}Breached`] ?? 0,
    pending: c[`sla${kind}Pending`] ?? 0,
    met_percent: metricValue(metric, c),
  });
  return {
    avg_first_response_time: metricValue('avg_first_response_time', c),
    avg_resolution_time: metricValue('avg_resolution_time', c),
    conversations_count: metricValue('conversations_count', c) ?? 0,
    incoming_messages_count: metricValue('incoming_messages_count', c) ?? 0,
    outgoing_messages_count: metricValue('outgoing_messages_count', c) ?? 0,
    resolutions_count: metricValue('resolutions_count', c) ?? 0,
    median_first_response_time: metricValue('median_first_response_time', c),
    median_resolution_time: metricValue('median_resolution_time', c),
    reopens_count: metricValue('reopens_count', c) ?? 0,
    deflected_count: c.deflected ?? 0,
    time_unit: {
      first_response: timeUnit(c, 'frtCount'),
      resolution: timeUnit(c, 'resolutions'),
    },
    first_response_histogram: histogramOf(c, 'frtH'),
    resolution_histogram: histogramOf(c, 'resH'),
    sla: {
      response: sla('Response', 'sla_response_met_percent'),
      closure: sla('Closure', 'sla_closure_met_percent'),
    },
    csat: {
      responses: metricValue('csat_responses_count', c) ?? 0,
      average: metricValue('csat_average', c),
      response_rate: metricValue('csat_response_rate', c),
      distribution: csatDistribution(c),
    },
  };
}
export type SummaryBody = ReturnType<typeof summaryOf>;

/**
 * Seed 003's summary over a range, with `previous`: the same metrics over as many workspace-zone
 * days just before it.
 */
export async function reportSummary(
  deps: ReportDeps,
  teamId: string,
  range: ReportRange,
): Promise<SummaryBody & { previous: SummaryBody }> {
  const zone = await workspaceZone(deps, teamId);
  const [first, last] = daysOf(range, zone);
  const days = daysBetween(range.since, range.until, zone).length;
  const [now, then] = await Promise.all([
    rowsOf(deps, teamId, range.filter, [first, last]),
    rowsOf(deps, teamId, range.filter, [shiftDay(first, -days), shiftDay(first, -1)]),
  ]);
  const sum = (rows: RollupRow[]) => sumCounters(rows.map((row) => row.counters));
  return { ...summaryOf(sum(now)), previous: summaryOf(sum(then)) };
}

/** Seed 003's account conversation metrics: the live backlog (of a filter's subject). */
export async function conversationMetrics(
  deps: ReportDeps,
  teamId: string,
  filter?: ReportFilter,
): Promise<Backlog> {
  const scope = await scopeOf(deps, teamId, filter);
  return new ReportScopeStore(deps.models).backlog(teamId, scope.backlog);
}

/**
 * Seed 003's agent conversation metrics: each of the workspace's agents (or just `userId`) with
 * their live requests and how many of those no agent answered yet.
 */
export async function agentConversationMetrics(deps: ReportDeps, teamId: string, userId?: string) {
  const agents = await new AgentStore(deps.models).list(teamId);
  const chosen = userId === undefined ? agents : agents.filter((a) => a.userId === userId);
  if (userId !== undefined && chosen.length === 0)
    throw new AppError('agent_not_found', 'no such agent in this workspace');
  const counts = await new ReportScopeStore(deps.models).byAgent(teamId);
  return chosen.map((agent) => ({
    id: agent.userId,
    name: agent.name,
    email: agent.email,
    thumbnail: '',
    availability: agent.availability,
    metric: counts.get(agent.userId) ?? { open: 0, unattended: 0 },
  }));
}
