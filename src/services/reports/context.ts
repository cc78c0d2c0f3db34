import { calendarFromWorkingHours, type Calendar } from '../../calendar/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import type { BotDeps } from '../../deps.js';
import type { Features } from '../../settings/features.js';
import type { ReportContext } from '../../reports/facts.js';
import type { ChannelContext } from '../requests/channel-context.js';
import { ConfigCache } from '../config-cache.js';

export type ReportDeps = Pick<BotDeps, 'models' | 'settings' | 'logger'>;

type WorkingHours = Features['requests']['support']['response_sla']['workingHoursConfig'];

/** The channel's business-hours calendar when its working hours are on, else null (wall-clock). */
export function calendarOf(workingHours: WorkingHours): Calendar | null {
  if (!workingHours.isEnabled) return null;
  try {
    return calendarFromWorkingHours(workingHours);
  } catch {
    return null; // a malformed schedule measures wall-clock, as the SLA clocks then do
  }
}

const contexts = new ConfigCache<ReportContext>();

/** The workspace's zone: its own working-hours time zone (channels may differ; days do not). */
export async function workspaceZone(deps: ReportDeps, teamId: string): Promise<string> {
  const { features } = await deps.settings.workspace(teamId, false);
  return features.requests.support.response_sla.workingHoursConfig.timezone;
}

/** How long counting trusts a workspace zone it read (a change of zone needs a rebuild anyway). */
const ZONE_TTL_MS = 60_000;
const zones = new WeakMap<object, Map<string, { zone: string; at: number }>>();

/**
 * The workspace's zone for counting, read at most once a minute per workspace: counting a
 * request's change then costs no settings read.
 */
export async function countingZone(deps: ReportDeps, teamId: string): Promise<string> {
  let cache = zones.get(deps.models);
  if (!cache) zones.set(deps.models, (cache = new Map()));
  const hit = cache.get(teamId);
  if (hit && Date.now() - hit.at < ZONE_TTL_MS) return hit.zone;
  const zone = await workspaceZone(deps, teamId);
  cache.set(teamId, { zone, at: Date.now() });
  return zone;
}

/** The context of a request's channel as its request hooks already hold it (no read). */
export async function contextOfChannel(
  deps: ReportDeps,
  ctx: ChannelContext,
): Promise<ReportContext> {
  return {
    zone: await countingZone(deps, ctx.channel.teamId),
    calendar: calendarOf(ctx.features.requests.support.response_sla.workingHoursConfig),
    accountId: ctx.channel.accountId ? String(ctx.channel.accountId) : null,
  };
}

/**
 * Where a channel's requests are measured (`ReportContext`), cached per configuration version
 * like the channel context: the workspace's zone, the channel's calendar and account.
 */
export async function reportContext(
  deps: ReportDeps,
  teamId: string,
  channelId: string,
): Promise<ReportContext> {
  const entries = await contexts.current(deps.models);
  const key = `${teamId}:${channelId}`;
  const cached = entries.get(key);
  if (cached) return cached;
  const zone = await countingZone(deps, teamId);
  const channel = await new ChannelStore(deps.models).find(teamId, channelId);
  const features = channel ? await deps.settings.effective(teamId, channelId) : null;
  const context: ReportContext = {
    zone,
    calendar: features
      ? calendarOf(features.requests.support.response_sla.workingHoursConfig)
      : null,
    accountId: channel?.accountId ? String(channel.accountId) : null,
  };
  entries.set(key, context);
  return context;
}
