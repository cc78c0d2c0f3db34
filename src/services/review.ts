import type { ChannelDoc } from '../db/models/index.js';
import { ChannelStore } from '../db/repositories/channels.js';
import { SuggestionStore } from '../db/repositories/suggestions.js';
import { WorkspaceStore } from '../db/repositories/workspaces.js';
import type { BotDeps } from '../deps.js';
import { REVIEW_ITEMS, reviewList, type ReviewList, type ReviewPrivacy } from '../home/review.js';
import { channelPrivacy } from '../channels/privacy.js';
import { Features } from '../settings/features.js';
import type { SlackGateway } from '../slack/gateway.js';
import { triageMembers } from '../slack/triage-members.js';

type ReviewDeps = Pick<BotDeps, 'models' | 'settings' | 'clock'>;

/**
 * The messages kept for review (`store_non_suggested_request`) that `userId`'s App Home lists:
 * the workspace's latest few, for the support side (the workspace's agents, a member of one of
 * those channels' triage channel) and workspace admins; undefined for anyone else, and when none
 * are kept.
 */
export async function loadReview(
  deps: ReviewDeps,
  slack: SlackGateway,
  teamId: string,
  userId: string,
): Promise<ReviewList | undefined> {
  const { docs, total } = await new SuggestionStore(deps.models).latestKept(teamId, REVIEW_ITEMS);
  if (total === 0) return undefined;
  const ids = [...new Set(docs.map((doc) => doc.channelId))];
  const channels = await new ChannelStore(deps.models).inTeam(teamId, ids);
  if (!(await isReviewer(deps, slack, teamId, userId, channels))) return undefined;
  const privacy = new Map<string, ReviewPrivacy>(
    await Promise.all(
      channels.map(async (channel): Promise<[string, ReviewPrivacy]> => {
        const settings = await deps.settings.forChannel(channel, false);
        const features = Features.parse(settings.features);
        return [channel.channelId, channelPrivacy(channel.isPrivate, features)];
      }),
    ),
  );
  return reviewList(docs, total, privacy);
}

async function isReviewer(
  deps: ReviewDeps,
  slack: SlackGateway,
  teamId: string,
  userId: string,
  channels: ChannelDoc[],
): Promise<boolean> {
  if ((await new WorkspaceStore(deps.models).internalUserIds(teamId)).includes(userId)) return true;
  const triage = [...new Set(channels.map((c) => c.triageChannelId).filter((id) => !!id))];
  for (const channelId of triage) {
    const members = await triageMembers(deps.models, slack, channelId as string, deps.clock.now());
    if (members.has(userId)) return true;
  }
  return slack.isWorkspaceAdmin(userId);
}
