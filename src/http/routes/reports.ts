import { Router } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { BotDeps } from '../../deps.js';
import type { Metric } from '../../reports/metrics.js';
import {
  agentConversationMetrics,
  conversationMetrics,
  reportSeries,
  reportSeriesWithUnit,
  reportSummary,
  type ReportFilter,
  type SummaryBody,
} from '../../services/reports/query.js';
import { teamOf } from '../auth.js';
import { parseInput } from '../parse.js';
import {
  ConversationMetricsQuery,
  ReportExportQuery,
  ReportQuery,
  ReportSummaryQuery,
} from '../report-schemas.js';

/** Seed 003's six metrics: what the CSV export holds when no `metric` is given. */
const SEED_METRICS: Metric[] = [
  'conversations_count',
  'incoming_messages_count',
  'outgoing_messages_count',
  'avg_first_response_time',
  'avg_resolution_time',
  'resolutions_count',
];

/** Seed 003's report subject; its `inbox` is a channel here. */
const filterOf = (q: { type: string; id?: string | undefined }): ReportFilter => ({
  type: (q.type === 'inbox' ? 'channel' : q.type) as ReportFilter['type'],
  ...(q.id !== undefined ? { id: q.id } : {}),
});

/** Seed 003 gives times as text; an undefined one (no response yet) reads 0. */
const asText = (value: number | null) => String(value ?? 0);
const seedShape = (body: SummaryBody) => ({
  ...body,
  avg_first_response_time: asText(body.avg_first_response_time),
  avg_resolution_time: asText(body.avg_resolution_time),
});

/**
 * Reports (seed 003): a metric's series, the summary with `previous`, the live conversation
 * metrics of the workspace and of its agents, and a CSV export. Read from the rollups; an
 * agent's token may read them.
 */
export function reportRoutes(deps: BotDeps): Router {
  const router = Router();
  router.get('/reports', async (req, res) => {
    const q = parseInput(ReportQuery, req.query, 'query');
    const series = await reportSeriesWithUnit(deps, teamOf(res), {
      metric: q.metric,
      since: q.since,
      until: q.until,
      groupBy: q.group_by,
      filter: filterOf(q),
    });
    // Seed 003's body has no room for it: a time metric's unit goes in a header.
    if (series.unit) res.setHeader('X-Time-Unit', series.unit);
    res.json(series.points.map((p) => ({ value: asText(p.value), timestamp: p.timestamp })));
  });
  router.get('/reports/summary', async (req, res) => {
    const q = parseInput(ReportSummaryQuery, req.query, 'query');
    const summary = await reportSummary(deps, teamOf(res), { ...q, filter: filterOf(q) });
    res.json({ ...seedShape(summary), previous: seedShape(summary.previous) });
  });
  router.get('/reports/conversations', async (req, res) => {
    const q = parseInput(ConversationMetricsQuery, req.query, 'query');
    const teamId = teamOf(res);
    if (q.type === 'agent') res.json(await agentConversationMetrics(deps, teamId, q.user_id));
    else res.json(await conversationMetrics(deps, teamId));
  });
  router.get('/reports/export.csv', async (req, res) => {
    const q = parseInput(ReportExportQuery, req.query, 'query');
    const teamId = teamOf(res);
    const metrics = q.metric ?? SEED_METRICS;
    const rows: (string | number)[][] = [['metric', 'timestamp', 'bucket_start', 'value']];
    for (const metric of metrics) {
      const range = { since: q.since, until: q.until, groupBy: q.group_by, filter: filterOf(q) };
      for (const point of await reportSeries(deps, teamId, { ...range, metric }))
        rows.push([
          metric,
          point.timestamp,
          new Date(point.timestamp * 1000).toISOString(),
          asText(point.value),
        ]);
    }
    res.type('text/csv').attachment('report.csv').send(stringify(rows));
  });
  return router;
}
