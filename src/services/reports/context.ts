import { calendarFromWorkingHours, type Calendar } from '../../calendar/index.js';
import { readConfigVersion } from '../../db/models/config-version.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import type { BotDeps } from '../../deps.js';
import type { Features } from '../../settings/features.js';
import type { ReportContext } from '../../reports/facts.js';

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

interface Cached {
  version: number;
  context: ReportContext;
}
const MAX_CACHED = 5_000;
const caches = new WeakMap<object, Map<string, Cached>>();

/** The workspace's zone: its own working-hours time zone (channels may differ; days do not). */
export async function workspaceZone(deps: ReportDeps, teamId: string): Promise<string> {
  const { features } = await deps.settings.workspace(teamId, false);
  return features.requests.support.response_sla.workingHoursConfig.timezone;
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
  let cache = caches.get(deps.models);
  if (!cache) caches.set(deps.models, (cache = new Map()));
  const key = `${teamId}:${channelId}`;
  const version = await readConfigVersion(deps.models.configVersions);
  const cached = cache.get(key);
  if (cached?.version === version) return cached.context;
  const zone = await workspaceZone(deps, teamId);
  const channel = await new ChannelStore(deps.models).find(teamId, channelId);
  const features = channel ? await deps.settings.effective(teamId, channelId) : null;
  const context: ReportContext = {
    zone,
    calendar: features
      ? calendarOf(features.requests.support.response_sla.workingHoursConfig)
      : null,
    accountId: channel?.accountId ? String(channel.accountId) : null,
  };
  cache.delete(key);
  cache.set(key, { version, context });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return context;
}
