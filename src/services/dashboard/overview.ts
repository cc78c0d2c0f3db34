import {
  overviewOf,
  overviewWindow,
  type Overview,
  type OverviewQuery,
} from '../../dashboard/overview.js';
import type { BotDeps } from '../../deps.js';
import { validationError } from '../../errors.js';
import { dayKey, dayStart } from '../../reports/index.js';
import { workspaceZone } from '../reports/context.js';
import { conversationMetrics, reportSeries, reportSummary } from '../reports/query.js';

/**
 * The overview page's numbers for a workspace, read from the reports' rollups (no scan of
 * requests) over whole days of the workspace's zone, and its live backlog.
 */
export async function dashboardOverview(
  deps: Pick<BotDeps, 'models' | 'clock' | 'settings' | 'logger'>,
  teamId: string,
  query: OverviewQuery,
): Promise<Overview> {
  const zone = await workspaceZone(deps, teamId);
  const window = overviewWindow(query, dayKey(deps.clock.now(), zone));
  if ('problem' in window) {
    throw validationError([
      { loc: ['query', window.field], msg: window.problem, type: 'value_error' },
    ]);
  }
  const range = {
    since: new Date(dayStart(window.first, zone) * 1000),
    until: new Date(dayStart(window.last, zone) * 1000),
  };
  const daily = (
    metric: 'conversations_count' | 'sla_response_met_percent' | 'sla_closure_met_percent',
  ) => reportSeries(deps, teamId, { ...range, metric, groupBy: 'day' });
  const [perDay, slaResponse, slaClosure, summary, backlog] = await Promise.all([
    daily('conversations_count'),
    daily('sla_response_met_percent'),
    daily('sla_closure_met_percent'),
    reportSummary(deps, teamId, range),
    conversationMetrics(deps, teamId),
  ]);
  const values = (points: { value: number | null }[]) => points.map((p) => p.value);
  return overviewOf({
    days: perDay.map((p) => dayKey(new Date(p.timestamp * 1000), zone)),
    requestsPerDay: values(perDay),
    slaResponsePerDay: values(slaResponse),
    slaClosurePerDay: values(slaClosure),
    firstResponse: summary.first_response_histogram,
    resolution: summary.resolution_histogram,
    timeUnit: summary.time_unit,
    ratings: summary.csat.distribution,
    requests: summary.conversations_count,
    backlog,
  });
}
