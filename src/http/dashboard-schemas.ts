import { z } from 'zod';
import { Chart, OverviewQuery } from '../dashboard/overview.js';
import { Provenance } from '../settings/levels.js';
import { Conversation } from './conversation-schemas.js';

export { OverviewQuery };

/** `GET /app/api/overview`: the window, its totals and each chart as `{labels, series}`. */
export const OverviewResponse = z
  .object({
    since: z.string().describe("First day shown (the workspace's zone), YYYY-MM-DD"),
    until: z.string().describe("Last day shown (the workspace's zone), YYYY-MM-DD"),
    totals: z.object({
      requests: z.number().int(),
      csat: z
        .number()
        .nullable()
        .describe('Share of ratings of 4 or 5, in %; null without ratings'),
      timeUnit: z
        .object({ firstResponse: z.string(), resolution: z.string() })
        .describe('business_minutes, minutes or mixed: what the time charts count'),
    }),
    charts: z.object({
      requestsPerDay: Chart,
      backlog: Chart,
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

/** `?channel_id=`: a channel's settings instead of the workspace's. */
export const SettingsViewQuery = z
  .strictObject({
    channel_id: z
      .string()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id')
      .optional()
      .describe("A channel's settings (through its account and the workspace) instead"),
  })
  .meta({ id: 'DashboardSettingsQuery' });

/** `GET|POST /app/api/settings`: one level's settings with provenance, and the levels to pick. */
export const DashboardSettingsResponse = z
  .object({
    team_id: z.string(),
    level: z.enum(['workspace', 'channel']),
    channel_id: z.string().nullable(),
    provenance: z.record(z.string(), Provenance).describe('Per flattened key'),
    locks: z.array(z.string()).describe('Keys the workspace locks (none at channel level)'),
    editable: z.boolean().describe("The session is an administrator's"),
    channels: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  })
  .meta({ id: 'DashboardSettings' });

export type OverviewResponse = z.infer<typeof OverviewResponse>;
export type RequestPageResponse = z.input<typeof RequestPageResponse>;
export type DashboardSettingsResponse = z.infer<typeof DashboardSettingsResponse>;
