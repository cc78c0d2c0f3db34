import { z } from 'zod';
import { HHMM, HHMMEnd, SlackChannelId, SlackUserId } from '../settings/primitives.js';

/**
 * The channel resource's shapes (seed 002), shared by the HTTP API, which validates and documents
 * them, and the channel service, which applies them. Defined here so the service does not reach
 * into `http/`.
 */

/** What a channel is for: customers ask in `customer`, the team answers in `triage`. */
export const ChannelKind = z.enum(['customer', 'triage', 'internal']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/**
 * Who a new request is assigned to (seed 002): the first three are two channel-level settings;
 * `round_robin` and `load_balanced` route to a team and are the channel's own `routing` field.
 */
export const AssignmentMode = z
  .enum(['manual', 'first_responder', 'csm', 'round_robin', 'load_balanced'])
  .meta({ id: 'AssignmentModeEnum' });
export type AssignmentMode = z.infer<typeof AssignmentMode>;

export const DaySchedule = z
  .strictObject({ enabled: z.boolean(), start: HHMM, end: HHMMEnd })
  .meta({ id: 'DaySchedule' });

/** Seed 002's weekday names, Monday first: index + 1 is the ISO weekday. */
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

/** Seed 002's `ChannelUpdate`, plus the channel's role and links (documented additions). */
export const ChannelUpdate = z
  .strictObject({
    business_hours: BusinessHours.refine((hours) => WEEKDAYS.some((day) => hours[day]?.enabled), {
      message: 'at least one day must be enabled (null resets to the inherited working hours)',
    })
      .nullable()
      .optional(),
    assignment_mode: AssignmentMode.nullable().optional(),
    team_id: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'expected a team id')
      .optional()
      .describe('The team round_robin and load_balanced route to (needed with them)'),
    capacity: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .nullable()
      .optional()
      .describe('At most this many open requests per agent when routing to a team'),
    channel_type: ChannelKind.optional(),
    triage_channel_id: SlackChannelId.nullable().optional(),
    csm_user_id: SlackUserId.nullable().optional(),
  })
  .superRefine((change, ctx) => {
    const routed =
      change.assignment_mode === 'round_robin' || change.assignment_mode === 'load_balanced';
    if (routed && !change.team_id) {
      ctx.addIssue({
        code: 'custom',
        path: ['team_id'],
        message: `${change.assignment_mode} needs a team_id`,
      });
    }
    for (const field of ['team_id', 'capacity'] as const) {
      if (!routed && change[field] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${field} goes with assignment_mode round_robin or load_balanced`,
        });
      }
    }
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
    team_id: z.string().nullable(),
    capacity: z.number().int().nullable(),
    sla_enabled: z.boolean(),
    total_conversations: z.number().int(),
    total_messages_sent: z.number().int(),
    total_messages_received: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'ChannelResponse' });
export type ChannelResponse = z.infer<typeof ChannelResponse>;

/** A channel as Slack's `conversations.info` describes it, reduced to what the bot keeps. */
export const SlackChannelInfo = z.object({
  id: z.string(),
  name: z.string(),
  is_private: z.boolean(),
  is_ext_shared: z.boolean(),
  is_archived: z.boolean(),
  is_member: z.boolean(),
});
export type SlackChannelInfo = z.infer<typeof SlackChannelInfo>;

/** The fields a channel document takes from Slack's description and the bot's membership. */
export function channelFields(info: SlackChannelInfo, botIsMember = info.is_member) {
  return {
    name: info.name,
    isPrivate: info.is_private,
    isExtShared: info.is_ext_shared,
    isArchived: info.is_archived,
    botIsMember,
  };
}
