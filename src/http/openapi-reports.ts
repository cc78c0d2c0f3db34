import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { PathParts } from './openapi-conversations.js';
import {
  AccountConversationMetrics,
  AgentConversationMetrics,
  ConversationMetricsQuery,
  ReportExportQuery,
  ReportPoint,
  ReportQuery,
  ReportSummary,
  ReportSummaryQuery,
} from './report-schemas.js';

/** The reports' paths (seed 003) and the CSV export. */
export function registerReportPaths(
  registry: OpenAPIRegistry,
  { security, errorResponses, json }: PathParts,
): void {
  const reports = '/api/v1/reports';
  registry.registerPath({
    method: 'get',
    path: reports,
    security,
    request: { query: ReportQuery },
    responses: {
      200: {
        ...json(z.array(ReportPoint), 'The metric per day, week or month'),
        headers: z.object({
          'X-Time-Unit': z
            .enum(['business_minutes', 'minutes', 'mixed'])
            .optional()
            .describe('For a time metric: which minutes its values are in'),
        }),
      },
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${reports}/summary`,
    security,
    request: { query: ReportSummaryQuery },
    responses: {
      200: json(ReportSummary, 'The metrics over the range, and over the range before'),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${reports}/conversations`,
    security,
    request: { query: ConversationMetricsQuery },
    responses: {
      200: json(
        z.union([AccountConversationMetrics, z.array(AgentConversationMetrics)]),
        'type account: the live backlog; type agent: each agent with theirs',
      ),
      ...errorResponses,
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${reports}/export.csv`,
    security,
    request: { query: ReportExportQuery },
    responses: {
      200: {
        description: 'One row per metric and bucket: metric,timestamp,bucket_start,value',
        content: { 'text/csv': { schema: z.string() } },
      },
      ...errorResponses,
    },
  });
}
