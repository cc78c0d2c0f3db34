import { channelPrivacy } from '../channels/privacy.js';
import type { RequestDoc } from '../db/models/index.js';
import { ChannelStore } from '../db/repositories/channels.js';
import { RequestLists } from '../db/repositories/request-lists.js';
import type { BotDeps } from '../deps.js';
import { homeSummary, showsPreview, type AppHomeInput } from '../home/summary.js';
import { Features } from '../settings/features.js';
import type { SlackGateway } from '../slack/gateway.js';
import { appHomeView, MAX_LIST_ITEMS } from '../views/app-home.js';
import { loadReview } from './review.js';

type HomeDeps = Pick<BotDeps, 'models' | 'settings' | 'clock'>;

/**
 * Loads what `userId`'s App Home shows: the workspace's live requests assigned to them, the
 * unassigned ones and, when the workspace turns on `requests.config.appHomeOwnerFilters`, those
 * assigned to other agents. Oldest first, at most `MAX_LIST_ITEMS` each, with the full counts.
 */
export async function loadHome(
  deps: HomeDeps,
  teamId: string,
  userId: string,
): Promise<AppHomeInput> {
  const workspace = await deps.settings.workspace(teamId, false);
  // Workspace-level, as App Home is not tied to any one channel (see `AppHomeInput.others`).
  const ownerFilters = Features.parse(workspace.features).requests.config.appHomeOwnerFilters;
  const lists = new RequestLists(deps.models);
  const [assigned, unassigned, others] = await Promise.all([
    lists.live(teamId, { is: userId }, MAX_LIST_ITEMS),
    lists.live(teamId, { none: true }, MAX_LIST_ITEMS),
    ownerFilters ? lists.live(teamId, { not: userId }, MAX_LIST_ITEMS) : undefined,
  ]);
  const shown = [assigned, unassigned, others].flatMap((l) => l?.docs ?? []);
  const previews = await previewPolicy(deps, teamId, shown);
  return homeSummary({ assigned, unassigned, ...(others ? { others } : {}) }, previews);
}

/**
 * Loads, renders and publishes `userId`'s App Home (with the messages kept for review, for the
 * support side); a Slack failure is logged, not thrown.
 */
export async function publishHome(
  deps: HomeDeps,
  slack: SlackGateway,
  teamId: string,
  userId: string,
): Promise<void> {
  const [home, review] = await Promise.all([
    loadHome(deps, teamId, userId),
    loadReview(deps, slack, teamId, userId),
  ]);
  const view = appHomeView({ ...home, ...(review ? { review } : {}) }, deps.clock.now());
  const bestEffort = { step: 'home_publish', teamId, userId };
  await slack.publishView({ user_id: userId, view }, { bestEffort });
}

/** Which channels may show message previews (`showsPreview`), each channel's settings read once. */
async function previewPolicy(deps: HomeDeps, teamId: string, requests: RequestDoc[]) {
  const ids = [...new Set(requests.map((r) => r.channelId))];
  if (ids.length === 0) return new Map<string, boolean>();
  const channels = await new ChannelStore(deps.models).inTeam(teamId, ids);
  const entries = await Promise.all(
    channels.map(async (channel): Promise<[string, boolean]> => {
      const settings = channel.isPrivate ? await deps.settings.forChannel(channel, false) : null;
      const features = settings && Features.parse(settings.features);
      const showPrivate = features ? channelPrivacy(true, features).showPreview : false;
      return [channel.channelId, showsPreview(channel, showPrivate)];
    }),
  );
  return new Map(entries);
}
