import type { WebClient } from '@slack/web-api';
import type { BotDeps } from '../../deps.js';
import type { Features } from '../../settings/features.js';
import { joinAlertMessage, type JoinReason } from '../../views/automation-join-alert.js';
import { bestEffort } from '../../slack/safe-call.js';
import { lookUpChannel } from '../../slack/lookups.js';
import { claimGreeting, featuresFor, markBotJoined } from './channel-state.js';
import { joinAlertPlan, joinedChannelOf, type JoinedChannel } from '../../automations/join.js';
import { shouldAutoJoin } from '../../automations/match.js';

/** A public channel as `channel_created` / `channel_rename` describe it. */
export interface ChannelEvent {
  teamId: string;
  channelId: string;
  name: string;
  /** The bot's user id in this workspace (its join is claimed under it, see `claimGreeting`). */
  botUserId: string;
}

/**
 * `channel_created` / `channel_rename`: joins the channel when auto-join is enabled and its
 * (new) name matches, records it as a customer channel and announces the join. A channel the
 * bot is already in is left alone (its stored name follows the rename). Slack errors
 * (`is_archived`, `channel_not_found`, …) are logged and end the attempt.
 */
export async function autoJoinChannel(
  deps: BotDeps,
  client: WebClient,
  event: ChannelEvent,
): Promise<void> {
  const { teamId, channelId, name } = event;
  const logger = deps.logger.child({ automation: 'auto-join', teamId, channelId });
  const known = await deps.models.channels.findOne({ teamId, channelId }).lean();
  if (known && known.name !== name) {
    await deps.models.channels.updateOne({ _id: known._id }, { $set: { name } });
  }
  if (known?.botIsMember) return;

  const features = await featuresFor(deps.settings, teamId, channelId);
  if (!shouldAutoJoin(features, { id: channelId, name })) return;
  const joined = await bestEffort(logger, { method: 'conversations.join' }, () =>
    client.conversations.join({ channel: channelId }),
  );
  if (!joined?.ok) return;
  logger.info({ name }, 'auto-joined channel');

  const info = await bestEffort(logger, { method: 'conversations.info' }, () =>
    lookUpChannel(client, channelId),
  );
  const isExtShared = Boolean(joined.channel?.is_ext_shared);
  const channel = joinedChannelOf(channelId, info, { name, isExtShared });
  if (await markBotJoined(deps.models, teamId, channel, 'customer')) {
    const { botUserId } = event;
    const reason = { kind: 'auto-join' } as const;
    await announceJoin(deps, client, { teamId, botUserId, features, channel, reason });
  }
}

/**
 * `member_joined_channel` for the bot itself (someone added it): records the channel with
 * `botIsMember: true` and, the first time only, announces the join when `notifyOnChannelJoin`
 * selects the channel.
 */
export async function botJoinedChannel(
  deps: BotDeps,
  client: WebClient,
  event: { teamId: string; channelId: string; botUserId: string; inviter?: string },
): Promise<void> {
  const { teamId, channelId } = event;
  const logger = deps.logger.child({ automation: 'bot-joined', teamId, channelId });
  const info = await bestEffort(logger, { method: 'conversations.info' }, () =>
    lookUpChannel(client, channelId),
  );
  if (!info) {
    logger.warn('joined a channel Slack does not describe; not recorded');
    return;
  }
  const channel = joinedChannelOf(channelId, info, { name: info.name, isExtShared: false });
  if (!(await markBotJoined(deps.models, teamId, channel, 'customer'))) return;
  const features = await featuresFor(deps.settings, teamId, channelId);
  const { botUserId, inviter } = event;
  const reason = { kind: 'invited', inviter } as const;
  await announceJoin(deps, client, { teamId, botUserId, features, channel, reason });
}

/**
 * Posts "Triage joined #name" to the alerts channel when `notifyOnChannelJoin` selects the
 * channel, once: only the delivery that claims the bot's arrival posts. A failed post is logged
 * and not retried (the alert is a courtesy; the join itself has been recorded).
 */
async function announceJoin(
  deps: BotDeps,
  client: WebClient,
  join: {
    teamId: string;
    botUserId: string;
    features: Features;
    channel: JoinedChannel;
    reason: JoinReason;
  },
): Promise<void> {
  const { teamId, botUserId, channel } = join;
  const plan = joinAlertPlan(join.features, channel);
  if (!plan) return;
  const arrival = { teamId, channelId: channel.channelId, userId: botUserId };
  if (!(await claimGreeting(deps.models, arrival, 'join-alert'))) return;
  const { alertsChannel, hideName } = plan;
  const ref = { id: channel.channelId, name: channel.name, hideName };
  const message = joinAlertMessage(ref, join.reason);
  const logger = deps.logger.child({ automation: 'join-alert', teamId, alertsChannel });
  await bestEffort(logger, { method: 'chat.postMessage', channelId: channel.channelId }, () =>
    client.chat.postMessage({ channel: alertsChannel, ...message }),
  );
}
