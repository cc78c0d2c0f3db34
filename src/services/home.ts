import type { WebClient } from '@slack/web-api';
import type { QueryFilter } from 'mongoose';
import type { ChannelDoc, RequestDoc } from '../db/models/index.js';
import type { BotDeps } from '../deps.js';
import { homeSummary, showsPreview, type AppHomeInput } from '../home/summary.js';
import { LIVE_STATUSES } from '../requests/lifecycle.js';
import { Features } from '../settings/features.js';
import { appHomeView, MAX_LIST_ITEMS } from '../views/app-home.js';
import { bestEffort } from '../slack/safe-call.js';

/**
 * Loads what `userId`'s App Home shows: the workspace's live requests assigned to them, the
 * unassigned ones and, when the workspace turns on `requests.config.appHomeOwnerFilters`, those
 * assigned to other agents. Oldest first, at most `MAX_LIST_ITEMS` each, with the full counts.
 */
export async function loadHome(
  deps: BotDeps,
  teamId: string,
  userId: string,
): Promise<AppHomeInput> {
  const workspace = await deps.settings.workspace(teamId, false);
  // Workspace-level, as App Home is not tied to any one channel (see `AppHomeInput.others`).
  const ownerFilters = Features.parse(workspace.features).requests.config.appHomeOwnerFilters;
  const live = { teamId, status: { $in: [...LIVE_STATUSES] } };
  const [assigned, unassigned, others] = await Promise.all([
    list(deps, { ...live, assigneeId: userId }),
    list(deps, { ...live, assigneeId: null }),
    ownerFilters ? list(deps, { ...live, assigneeId: { $nin: [null, userId] } }) : undefined,
  ]);
  const shown = [assigned, unassigned, others].flatMap((l) => l?.docs ?? []);
  const previews = await previewPolicy(deps, teamId, shown);
  return homeSummary({ assigned, unassigned, ...(others ? { others } : {}) }, previews);
}

/** Loads, renders and publishes `userId`'s App Home; a Slack failure is logged, not thrown. */
export async function publishHome(
  deps: BotDeps,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<void> {
  const view = appHomeView(await loadHome(deps, teamId, userId), deps.clock.now());
  await bestEffort(deps.logger, { step: 'home_publish', teamId, userId }, () =>
    client.views.publish({ user_id: userId, view }),
  );
}

async function list(deps: BotDeps, filter: QueryFilter<RequestDoc>) {
  const [docs, total] = await Promise.all([
    deps.models.requests
      .find(filter)
      .sort({ createdAt: 1, _id: 1 })
      .limit(MAX_LIST_ITEMS)
      .lean<RequestDoc[]>(),
    deps.models.requests.countDocuments(filter),
  ]);
  return { docs, total };
}

/** Which channels may show message previews (`showsPreview`), each channel's settings read once. */
async function previewPolicy(deps: BotDeps, teamId: string, requests: RequestDoc[]) {
  const ids = [...new Set(requests.map((r) => r.channelId))];
  if (ids.length === 0) return new Map<string, boolean>();
  const channels = await deps.models.channels
    .find({ teamId, channelId: { $in: ids } })
    .lean<ChannelDoc[]>();
  const entries = await Promise.all(
    channels.map(async (channel): Promise<[string, boolean]> => {
      const settings = channel.isPrivate ? await deps.settings.forChannel(channel, false) : null;
      const features = settings && Features.parse(settings.features);
      const showPrivate = features?.requests.config.show_private_message_previews ?? false;
      return [channel.channelId, showsPreview(channel, showPrivate)];
    }),
  );
  return new Map(entries);
}
