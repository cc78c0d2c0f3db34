import { AppError } from '../errors.js';
import type { ChannelDoc, Models } from '../db/models/index.js';
import type { Features } from '../settings/features.js';
import { WEEKDAYS, type ChannelResponse, type ChannelUpdate } from '../http/schemas.js';
import type { SettingsService } from './settings.js';

const WORKING_HOURS = 'requests.support.response_sla.workingHoursConfig';
const FIRST_RESPONDER = 'requests.config.auto_assign_request_to_first_responder';
const CSM = 'requests.config.auto_assign_to_csm';

/** Seed 002's channel resource over a channel document and its effective settings. */
export function channelResponse(channel: ChannelDoc, features: Features): ChannelResponse {
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
    assignment_mode: config.auto_assign_request_to_first_responder
      ? 'first_responder'
      : config.auto_assign_to_csm
        ? 'csm'
        : 'manual',
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

/**
 * Applies a `ChannelUpdate`: business hours and assignment mode are channel-level settings (so
 * locks above apply and provenance shows them); the channel's role and links are its own fields.
 * Everything lands in one update of the channel document.
 */
export async function updateChannel(
  models: Models,
  settings: SettingsService,
  teamId: string,
  channelId: string,
  change: ChannelUpdate,
): Promise<void> {
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
    const days = WEEKDAYS.map((name, index) => ({
      day: index + 1,
      schedule: change.business_hours?.[name],
    }));
    const open = days.filter(({ schedule }) => schedule?.enabled);
    update[`${WORKING_HOURS}.isEnabled`] = true;
    update[`${WORKING_HOURS}.dailyWorkingHourConfig`] = true;
    update[`${WORKING_HOURS}.workingDays`] = open.map(({ day }) => day);
    update[`${WORKING_HOURS}.dailyConfigurations`] = open.map(({ day, schedule }) => ({
      day,
      start: schedule?.start,
      end: schedule?.end,
    }));
  }
  if (change.assignment_mode === null) reset.push(FIRST_RESPONDER, CSM);
  else if (change.assignment_mode) {
    update[FIRST_RESPONDER] = change.assignment_mode === 'first_responder';
    update[CSM] = change.assignment_mode === 'csm';
  }
  const fields: Record<string, unknown> = {};
  if (change.channel_type) fields.kind = change.channel_type;
  if (change.triage_channel_id !== undefined) fields.triageChannelId = change.triage_channel_id;
  if (change.csm_user_id !== undefined) fields.csmUserId = change.csm_user_id;

  const target = { level: 'channel', teamId, channelId } as const;
  if (Object.keys(update).length > 0 || reset.length > 0) {
    const body = { update: nest(update), ...(reset.length > 0 ? { reset } : {}) };
    await settings.write(target, body, fields);
    return;
  }
  const result = await models.channels.updateOne({ teamId, channelId }, { $set: fields });
  if (result.matchedCount === 0)
    throw new AppError('channel_not_found', `unknown channel ${channelId}`);
}

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
