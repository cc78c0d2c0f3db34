import type { Features } from '../settings/features.js';
import { WEEKDAYS, type ChannelKind, type ChannelResponse, type ChannelUpdate } from './channel.js';

/** What the channel resource reads of a stored channel. */
export interface ChannelRecord {
  channelId: string;
  name: string;
  kind: ChannelKind;
  isPrivate: boolean;
  isExtShared: boolean;
  isArchived: boolean;
  botIsMember: boolean;
  accountId?: { toString(): string } | null;
  triageChannelId?: string | null;
  csmUserId?: string | null;
  routing?: {
    mode: 'round_robin' | 'load_balanced';
    deskTeamId: string;
    capacity: number | null;
  } | null;
  settings: { overrides: readonly unknown[] };
  counters: Pick<
    ChannelResponse,
    'total_conversations' | 'total_messages_sent' | 'total_messages_received'
  >;
  createdAt: Date;
  updatedAt: Date;
}

const WORKING_HOURS = 'requests.support.response_sla.workingHoursConfig';
const FIRST_RESPONDER = 'requests.config.auto_assign_request_to_first_responder';
const CSM = 'requests.config.auto_assign_to_csm';

/** Seed 002's channel resource over a stored channel and its effective settings. */
export function channelResponse(channel: ChannelRecord, features: Features): ChannelResponse {
  const config = features.requests.config;
  const hours = features.requests.support.response_sla.workingHoursConfig;
  return {
    id: channel.channelId,
    name: channel.name,
    channel_type: channel.kind,
    status: channel.isArchived ? 'archived' : channel.botIsMember ? 'active' : 'not_joined',
    config: {
      account_id: channel.accountId ? String(channel.accountId) : null,
      triage_channel_id: channel.triageChannelId ?? null,
      csm_user_id: channel.csmUserId ?? null,
      is_private: channel.isPrivate,
      is_ext_shared: channel.isExtShared,
      timezone: hours.timezone,
      business_hours: businessHoursOf(hours),
    },
    is_active: !channel.isArchived && channel.botIsMember,
    is_default: !channel.accountId && channel.settings.overrides.length === 0,
    auto_reply_enabled: config.auto_respond_to_requests,
    business_hours_enabled: hours.isEnabled,
    assignment_mode: channel.routing
      ? channel.routing.mode
      : config.auto_assign_request_to_first_responder
        ? 'first_responder'
        : config.auto_assign_to_csm
          ? 'csm'
          : 'manual',
    team_id: channel.routing?.deskTeamId ?? null,
    capacity: channel.routing?.capacity ?? null,
    sla_enabled: features.requests.support.response_sla.isEnabled,
    ...channel.counters,
    created_at: new Date(channel.createdAt).toISOString(),
    updated_at: new Date(channel.updatedAt).toISOString(),
  };
}

type WorkingHours = Features['requests']['support']['response_sla']['workingHoursConfig'];

/** Seed 002's per-weekday view of working hours (the first interval of a split day). */
function businessHoursOf(hours: WorkingHours) {
  return Object.fromEntries(
    WEEKDAYS.map((name, index) => {
      const day = index + 1;
      const interval = hours.dailyConfigurations.find((entry) => entry.day === day);
      const allDay = !hours.dailyWorkingHourConfig;
      return [
        name,
        {
          enabled: hours.workingDays.includes(day) && (allDay || interval !== undefined),
          start: allDay ? '00:00' : (interval?.start ?? '09:00'),
          end: allDay ? '24:00' : (interval?.end ?? '17:00'),
        },
      ];
    }),
  );
}

/** How a `ChannelUpdate` is written: a channel-level settings write, and the channel's own fields. */
export interface ChannelUpdatePlan {
  /** The settings write body, or undefined when no setting changes. */
  settings?: { update: Record<string, unknown>; reset?: string[] };
  fields: {
    kind?: ChannelKind;
    triageChannelId?: string | null;
    csmUserId?: string | null;
    routing?: ChannelRecord['routing'];
  };
}

/**
 * What a `ChannelUpdate` changes: business hours and assignment mode are channel-level settings
 * (so locks above apply and provenance shows them), `null` resetting them to the inherited value;
 * the channel's role and links are its own fields.
 *
 * @example
 * planChannelUpdate({ assignment_mode: 'csm' });
 * // { settings: { update: { requests: { config: { auto_assign_request_to_first_responder: false,
 * //   auto_assign_to_csm: true } } } }, fields: {} }
 */
export function planChannelUpdate(change: ChannelUpdate): ChannelUpdatePlan {
  const update: Record<string, unknown> = {};
  const reset: string[] = [];
  if (change.business_hours === null) {
    reset.push(
      `${WORKING_HOURS}.workingDays`,
      `${WORKING_HOURS}.dailyConfigurations`,
      `${WORKING_HOURS}.dailyWorkingHourConfig`,
      `${WORKING_HOURS}.isEnabled`,
    );
  } else if (change.business_hours) {
    const hours = change.business_hours;
    const open = WEEKDAYS.flatMap((name, index) => {
      const schedule = hours[name];
      return schedule?.enabled
        ? [{ day: index + 1, start: schedule.start, end: schedule.end }]
        : [];
    });
    update[`${WORKING_HOURS}.isEnabled`] = true;
    update[`${WORKING_HOURS}.dailyWorkingHourConfig`] = true;
    update[`${WORKING_HOURS}.workingDays`] = open.map(({ day }) => day);
    update[`${WORKING_HOURS}.dailyConfigurations`] = open;
  }
  const fields: ChannelUpdatePlan['fields'] = {};
  const mode = change.assignment_mode;
  if (mode === null) reset.push(FIRST_RESPONDER, CSM);
  else if (mode) {
    update[FIRST_RESPONDER] = mode === 'first_responder';
    update[CSM] = mode === 'csm';
  }
  // Routing to a team is the channel's own data (seed 000 has no key for it).
  if (mode === 'round_robin' || mode === 'load_balanced') {
    fields.routing = {
      mode,
      deskTeamId: change.team_id as string,
      capacity: change.capacity ?? null,
    };
  } else if (mode !== undefined) fields.routing = null;
  if (change.channel_type) fields.kind = change.channel_type;
  if (change.triage_channel_id !== undefined) fields.triageChannelId = change.triage_channel_id;
  if (change.csm_user_id !== undefined) fields.csmUserId = change.csm_user_id;
  if (Object.keys(update).length === 0 && reset.length === 0) return { fields };
  return { settings: { update: nest(update), ...(reset.length > 0 ? { reset } : {}) }, fields };
}

/** `{'a.b': 1, 'a.c': 2}` → `{a: {b: 1, c: 2}}`. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts.at(-1) as string] = value;
  }
  return root;
}
