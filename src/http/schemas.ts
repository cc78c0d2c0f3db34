import { z } from 'zod';
import { ASSIGNMENT_MODES, ChannelKind } from '../db/models/channel.js';
import { ErrorDetail } from '../errors.js';
import { RelationshipSettings, WorkspaceSettings } from '../settings/effective.js';
import { HHMM, HHMMEnd, SlackChannelId, SlackUserId } from '../settings/primitives.js';

/** The error body of every non-2xx answer; 422s carry seed 002's `{loc, msg, type}` entries. */
export const ErrorBody = z
  .object({
    ok: z.literal(false),
    error: z.string().meta({ description: 'A stable error code, e.g. validation_failed' }),
    message: z.string(),
    detail: z.array(ErrorDetail),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export { RelationshipSettings };

/** Seed 000's response envelope. */
export const SettingsResponse = z
  .object({ ok: z.literal(true), error: z.null(), data: z.array(RelationshipSettings) })
  .meta({ id: 'SettingsResponse' });
export type SettingsResponse = z.infer<typeof SettingsResponse>;

export const WorkspaceSettingsResponse = z
  .object({ ok: z.literal(true), error: z.null(), data: WorkspaceSettings })
  .meta({ id: 'WorkspaceSettingsResponse' });
export type WorkspaceSettingsResponse = z.infer<typeof WorkspaceSettingsResponse>;

/** `?explain=true` adds the provenance of every key to a settings answer. */
export const ExplainQuery = z.object({ explain: z.enum(['true', 'false']).optional() });
export const AccountIdParams = z.object({ accountId: z.string() });
export const ChannelIdParams = z.object({ channelId: z.string() });

/** Settings write bodies: one schema each, parsed by `planWrite` and published here. */
export { SettingsWrite, ChannelSettingsWrite } from '../settings/write.js';

export const DaySchedule = z
  .strictObject({ enabled: z.boolean(), start: HHMM, end: HHMMEnd })
  .meta({ id: 'DaySchedule' });

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export const BusinessHours = z
  .strictObject(
    Object.fromEntries(WEEKDAYS.map((day) => [day, DaySchedule.nullable().optional()])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodOptional<z.ZodNullable<typeof DaySchedule>>
    >,
  )
  .meta({ id: 'BusinessHours' });

export const AssignmentMode = z.enum(ASSIGNMENT_MODES).meta({ id: 'AssignmentModeEnum' });
export { ChannelKind };

/** Seed 002's `ChannelUpdate`, plus the channel's role and links (documented additions). */
export const ChannelUpdate = z
  .strictObject({
    business_hours: BusinessHours.refine((hours) => WEEKDAYS.some((day) => hours[day]?.enabled), {
      message: 'at least one day must be enabled (null resets to the inherited working hours)',
    })
      .nullable()
      .optional(),
    assignment_mode: AssignmentMode.nullable().optional(),
    channel_type: ChannelKind.optional(),
    triage_channel_id: SlackChannelId.nullable().optional(),
    csm_user_id: SlackUserId.nullable().optional(),
  })
  .meta({ id: 'ChannelUpdate' });
export type ChannelUpdate = z.infer<typeof ChannelUpdate>;

/** Seed 002's `ChannelResponse`; `id` is the Slack channel id. */
export const ChannelResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    channel_type: ChannelKind,
    status: z.enum(['active', 'archived', 'not_joined']).meta({ id: 'ChannelStatusEnum' }),
    config: z.object({
      account_id: z.string().nullable(),
      triage_channel_id: z.string().nullable(),
      csm_user_id: z.string().nullable(),
      is_private: z.boolean(),
      is_ext_shared: z.boolean(),
      timezone: z.string(),
      business_hours: z.record(z.string(), DaySchedule),
    }),
    is_active: z.boolean(),
    is_default: z.boolean(),
    auto_reply_enabled: z.boolean(),
    business_hours_enabled: z.boolean(),
    assignment_mode: AssignmentMode,
    sla_enabled: z.boolean(),
    total_conversations: z.number().int(),
    total_messages_sent: z.number().int(),
    total_messages_received: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'ChannelResponse' });
export type ChannelResponse = z.infer<typeof ChannelResponse>;

export const AccountCreate = z
  .strictObject({
    name: z.string().max(200).trim().min(1),
    channels: z.array(SlackChannelId).max(100).default([]),
  })
  .meta({ id: 'AccountCreate' });

export const AccountResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    channels: z.array(z.string()),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Account' });
export type AccountResponse = z.infer<typeof AccountResponse>;

export const HealthResponse = z
  .object({
    ok: z.boolean(),
    database: z.enum(['up', 'down']),
    scheduler: z.enum(['running', 'stopped', 'disabled']),
  })
  .meta({ id: 'Health' });
export type HealthResponse = z.infer<typeof HealthResponse>;
