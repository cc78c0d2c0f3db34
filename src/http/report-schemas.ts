import { z } from 'zod';
import { Metric } from '../reports/metrics.js';
import { Moment } from './conversation-schemas.js';

/**
 * The reports API (seed 003's `reports`, `reports/summary`, conversation metrics) and its CSV
 * export. Query strings arrive as text and are coerced here, once.
 */

/** The longest range a report answers (days). */
export const MAX_REPORT_DAYS = 400;

const DAY_MS = 86_400_000;

/** What a report is about; seed 003's `inbox` is a channel here. */
const ReportType = z
  .enum(['account', 'agent', 'inbox', 'channel', 'label', 'team', 'severity', 'category'])
  .default('account')
  .describe(
    'account: the workspace, or with `id` one customer account; agent (a Slack user id), inbox or channel (a channel id), label, team (a team id), severity, category (`name:value` for a category list)',
  );

const rangeFields = {
  type: ReportType,
  id: z.string().trim().min(1).max(150).optional().describe('The subject of `type`'),
  since: Moment.describe('Start: unix seconds or ISO 8601 (its whole day counts)'),
  until: Moment.describe('End: unix seconds or ISO 8601 (its whole day counts)'),
};

type RangeInput = { type: string; id?: string | undefined; since: Date; until: Date };

/** `since` after `until`, a range over 400 days, a subject type without its `id`: 422s naming them. */
function checkRange(value: RangeInput, ctx: z.RefinementCtx) {
  if (value.since.getTime() > value.until.getTime())
    ctx.addIssue({ code: 'custom', path: ['since'], message: '`since` is after `until`' });
  else if (value.until.getTime() - value.since.getTime() > MAX_REPORT_DAYS * DAY_MS)
    ctx.addIssue({
      code: 'custom',
      path: ['until'],
      message: `a report covers at most ${MAX_REPORT_DAYS} days`,
    });
  if (value.type !== 'account' && value.id === undefined)
    ctx.addIssue({ code: 'custom', path: ['id'], message: `type ${value.type} needs an id` });
}

const GroupBy = z.enum(['day', 'week', 'month']).default('day');

export const ReportQuery = z
  .strictObject({
    metric: Metric,
    ...rangeFields,
    group_by: GroupBy.describe('Buckets in the workspace time zone; weeks start on Monday'),
  })
  .superRefine(checkRange)
  .meta({ id: 'ReportQuery' });
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportSummaryQuery = z
  .strictObject(rangeFields)
  .superRefine(checkRange)
  .meta({ id: 'ReportSummaryQuery' });

/** `metric=a,b` or repeated; all of seed 003's six when absent. */
const Metrics = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()))
  .pipe(z.array(Metric).min(1).max(Metric.options.length));

export const ReportExportQuery = z
  .strictObject({
    metric: Metrics.optional().describe("Metrics (comma-separated); seed 003's six when absent"),
    ...rangeFields,
    group_by: GroupBy,
  })
  .superRefine(checkRange)
  .meta({ id: 'ReportExportQuery' });

export const ConversationMetricsQuery = z
  .strictObject({
    type: z.enum(['account', 'agent']),
    user_id: z.string().trim().min(1).max(150).optional().describe('One agent (type agent)'),
  })
  .meta({ id: 'ConversationMetricsQuery' });

export const ReportPoint = z
  .object({
    value: z.string().describe('The metric (a number as text, seed 003); 0 where undefined'),
    timestamp: z.number().int().describe("Unix seconds of the bucket's start"),
  })
  .meta({ id: 'ReportPoint' });

const Sla = z.object({
  met: z.number().int(),
  breached: z.number().int(),
  pending: z.number().int(),
  met_percent: z.number().nullable(),
});
const TimeUnit = z.enum(['business_minutes', 'minutes', 'mixed']);
const SummaryBody = z.object({
  avg_first_response_time: z.string().describe('Minutes (see time_unit), as text; 0 if none'),
  avg_resolution_time: z.string(),
  conversations_count: z.number().int(),
  incoming_messages_count: z.number().int(),
  outgoing_messages_count: z.number().int(),
  resolutions_count: z.number().int(),
  median_first_response_time: z.number().nullable().describe('Upper bound of its histogram bucket'),
  median_resolution_time: z.number().nullable(),
  reopens_count: z.number().int(),
  deflected_count: z
    .number()
    .int()
    .describe('Requests closed as deflected (a knowledge-base suggestion solved them)'),
  time_unit: z.object({ first_response: TimeUnit, resolution: TimeUnit }),
  first_response_histogram: z.record(z.string(), z.number().int()),
  resolution_histogram: z.record(z.string(), z.number().int()),
  sla: z.object({ response: Sla, closure: Sla }),
  csat: z.object({
    responses: z.number().int(),
    average: z.number().nullable(),
    response_rate: z.number().nullable().describe('Per cent of resolutions rated'),
    distribution: z.record(z.string(), z.number().int()),
  }),
});
export const ReportSummary = SummaryBody.extend({ previous: SummaryBody }).meta({
  id: 'ReportSummary',
});

export const AccountConversationMetrics = z
  .object({ open: z.number().int(), unattended: z.number().int(), unassigned: z.number().int() })
  .meta({ id: 'AccountConversationMetrics' });
export const AgentConversationMetrics = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    thumbnail: z.string(),
    availability: z.string(),
    metric: z.object({ open: z.number().int(), unattended: z.number().int() }),
  })
  .meta({ id: 'AgentConversationMetrics' });
