import { channelPrivacy } from '../channels/privacy.js';
import { AgentStore } from '../db/repositories/agents.js';
import { RequestLists } from '../db/repositories/request-lists.js';
import type { BotDeps } from '../deps.js';
import {
  homeList,
  homeSummary,
  showsPreview,
  type AppHomeInput,
  type HomeViews,
  type SupportNames,
} from '../home/summary.js';
import { CustomFilterStore } from '../db/repositories/custom-filters.js';
import { matchingRequests } from './desk/filters.js';
import { Features } from '../settings/features.js';
import type { SlackGateway } from '../slack/gateway.js';
import { appHomeView, MAX_LIST_ITEMS } from '../views/app-home.js';
import { channelSettings } from './channel-settings.js';
import { loadReview } from './review.js';
import { loadWeek } from './home-week.js';
import { loadHomeConnectors } from './connectors/home.js';

type HomeDeps = Pick<BotDeps, 'models' | 'settings' | 'clock' | 'logger' | 'env'>;

/**
 * Loads what `userId`'s App Home shows: the workspace's live requests assigned to them, the
 * unassigned ones and those assigned to other agents in the channels whose effective
 * `requests.config.appHomeOwnerFilters` is on (a workspace, account or channel may turn it on or
 * off). Oldest first, at most `MAX_LIST_ITEMS` each, with the full counts; each request's text
 * where its channel allows, its severity and tags by its channel's names. With their saved
 * filters as views, and `viewId` one of them: that view's newest requests (any status) as well.
 */
export async function loadHome(
  deps: HomeDeps,
  teamId: string,
  userId: string,
  viewId?: string,
): Promise<AppHomeInput> {
  const lists = new RequestLists(deps.models);
  const [assigned, unassigned, othersChannels, filters] = await Promise.all([
    lists.live(teamId, { is: userId }, MAX_LIST_ITEMS),
    lists.live(teamId, { none: true }, MAX_LIST_ITEMS),
    lists.liveChannels(teamId, { not: userId }),
    new CustomFilterStore(deps.models).list({ teamId, userId }),
  ]);
  const chosen = filters.find((filter) => String(filter._id) === viewId);
  const matching = chosen
    ? await matchingRequests(deps, teamId, chosen.conditions, MAX_LIST_ITEMS)
    : undefined;
  const shown = [...assigned.docs, ...unassigned.docs, ...(matching?.docs ?? [])];
  const shownChannels = shown.map((r) => r.channelId);
  const [settings, workspace] = await Promise.all([
    channelSettings(deps, teamId, [...shownChannels, ...othersChannels]),
    deps.settings.workspace(teamId, false),
  ]);
  const ownerFilters = (features: Features) => features.requests.config.appHomeOwnerFilters;
  const workspaceOn = ownerFilters(Features.parse(workspace.features));
  // A channel the bot has no record of follows the workspace.
  const ownerChannels = othersChannels.filter((id) => {
    const channel = settings.get(id);
    return channel ? ownerFilters(channel.features) : workspaceOn;
  });
  const others =
    workspaceOn || ownerChannels.length > 0
      ? await lists.live(teamId, { not: userId, in: ownerChannels }, MAX_LIST_ITEMS)
      : undefined;
  const previews = new Map<string, boolean>();
  const names = new Map<string, SupportNames>();
  for (const [id, { channel, features }] of settings) {
    previews.set(
      id,
      showsPreview(channel, channelPrivacy(channel.isPrivate, features).showPreview),
    );
    names.set(id, features.requests.support);
  }
  const home = homeSummary(
    { assigned, unassigned, ...(others ? { others } : {}) },
    previews,
    names,
  );
  if (filters.length === 0) return home;
  const views: HomeViews = {
    filters: filters.map((filter) => ({ id: String(filter._id), name: filter.name })),
    ...(chosen && matching
      ? {
          chosen: {
            id: String(chosen._id),
            name: chosen.name,
            list: homeList(matching, previews, names),
          },
        }
      : {}),
  };
  return { ...home, views };
}

/**
 * Loads, renders and publishes `userId`'s App Home (with the messages kept for review, for the
 * support side; the connectors, for admins; with the saved filter `viewId` as the chosen view); a
 * Slack failure is logged, not thrown.
 */
export async function publishHome(
  deps: HomeDeps,
  slack: SlackGateway,
  teamId: string,
  userId: string,
  viewId?: string,
): Promise<void> {
  const [home, review, agent, week, connectors] = await Promise.all([
    loadHome(deps, teamId, userId, viewId),
    loadReview(deps, slack, teamId, userId),
    new AgentStore(deps.models).get(teamId, userId),
    loadWeek(deps, teamId, userId),
    loadHomeConnectors(deps, slack, teamId, userId),
  ]);
  const extras = {
    week,
    ...(review ? { review } : {}),
    ...(connectors ? { connectors } : {}),
    ...(agent ? { availability: agent.availability } : {}),
  };
  const view = appHomeView({ ...home, ...extras }, deps.clock.now());
  const bestEffort = { step: 'home_publish', teamId, userId };
  await slack.publishView({ user_id: userId, view }, { bestEffort });
}
