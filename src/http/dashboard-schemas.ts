import { z } from 'zod';
import { Chart, OverviewQuery } from '../dashboard/overview.js';
import { WorkspaceSettings } from '../settings/effective.js';
import { Conversation } from './conversation-schemas.js';

export { OverviewQuery };

/** `GET /app/api/overview`: the window, its totals and each chart as `{labels, series}`. */
export const OverviewResponse = z
  .object({
    since: z.string().describe('First day shown (UTC), YYYY-MM-DD'),
    until: z.string().describe('Last day shown (UTC), YYYY-MM-DD'),
    totals: z.object({
      requests: z.number().int(),
      csat: z
        .number()
        .nullable()
        .describe('Share of ratings of 4 or 5, in %; null without ratings'),
      truncated: z.boolean().describe('More requests than one overview reads (20,000)'),
    }),
    charts: z.object({
      requestsPerDay: Chart,
      statuses: Chart,
      firstResponse: Chart,
      resolution: Chart,
      slaCompliance: Chart,
      csat: Chart,
    }),
  })
  .meta({ id: 'DashboardOverview' });

/** One entry of a request's history, as JSON. */
const HistoryEntryJson = z.object({
  at: z.string().describe('ISO 8601'),
  type: z.string(),
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
  field: z.string().optional(),
  by: z.string(),
});

/** `GET /app/api/conversations/{id}`: the conversation and its history, oldest first. */
export const RequestPageResponse = z
  .object({ conversation: Conversation, history: z.array(HistoryEntryJson) })
  .meta({ id: 'DashboardRequest' });

/** `GET|POST /app/api/settings`: workspace settings with provenance; whether the viewer may edit. */
export const DashboardSettingsResponse = WorkspaceSettings.extend({
  editable: z.boolean().describe("The session is an administrator's"),
}).meta({ id: 'DashboardSettings' });
export type OverviewResponse = z.infer<typeof OverviewResponse>;
export type RequestPageResponse = z.input<typeof RequestPageResponse>;
export type DashboardSettingsResponse = z.infer<typeof DashboardSettingsResponse>;
