import { ArrivalStore } from '../../db/repositories/arrivals.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import type { BotDeps } from '../../deps.js';
import type { Features } from '../../settings/features.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { joinAlertMessage, type JoinReason } from '../../views/automation-join-alert.js';
import { featuresFor } from './features.js';
import { joinAlertPlan, joinedChannelOf, type JoinedChannel } from '../../automations/join.js';
import { shouldAutoJoin } from '../../automations/match.js';

type JoinDeps = Pick<BotDeps, 'models' | 'settings' | 'logger'>;

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
  deps: JoinDeps,
  slack: SlackGateway,
  event: ChannelEvent,
): Promise<void> {
  const { teamId, channelId, name } = event;
  const log = { automation: 'auto-join', teamId, channelId };
  const channels = new ChannelStore(deps.models);
  const known = await channels.find(teamId, channelId);
  if (known && known.name !== name) await channels.rename(known._id, name);
  if (known?.botIsMember) return;

  const features = await featuresFor(deps.settings, teamId, channelId);
  if (!shouldAutoJoin(features, { id: channelId, name })) return;
  const joined = await slack.join(channelId, { bestEffort: log });
  if (!joined?.ok) return;
  deps.logger.info({ ...log, name }, 'auto-joined channel');

  const info = await slack.channelInfo(channelId, { bestEffort: log });
  const isExtShared = Boolean(joined.channel?.is_ext_shared);
  const channel = joinedChannelOf(channelId, info, { name, isExtShared });
  if (await new ArrivalStore(deps.models).botJoined(teamId, channel, 'customer')) {
    const { botUserId } = event;
    const reason = { kind: 'auto-join' } as const;
    await announceJoin(deps, slack, { teamId, botUserId, features, channel, reason });
  }
}

/**
 * `member_joined_channel` for the bot itself (someone added it): records the channel with
 * `botIsMember: true` and, the first time only, announces the join when `notifyOnChannelJoin`
 * selects the channel.
 */
export async function botJoinedChannel(
  deps: JoinDeps,
  slack: SlackGateway,
  event: { teamId: string; channelId: string; botUserId: string; inviter?: string },
): Promise<void> {
  const { teamId, channelId } = event;
  const log = { automation: 'bot-joined', teamId, channelId };
  const info = await slack.channelInfo(channelId, { bestEffort: log });
  if (!info) {
    deps.logger.warn(log, 'joined a channel Slack does not describe; not recorded');
    return;
  }
  const channel = joinedChannelOf(channelId, info, { name: info.name, isExtShared: false });
  if (!(await new ArrivalStore(deps.models).botJoined(teamId, channel, 'customer'))) return;
  const features = await featuresFor(deps.settings, teamId, channelId);
  const { botUserId, inviter } = event;
  const reason = { kind: 'invited', inviter } as const;
  await announceJoin(deps, slack, { teamId, botUserId, features, channel, reason });
}

/**
 * Posts "Triage joined #name" to the alerts channel when `notifyOnChannelJoin` selects the
 * channel, once: only the delivery that claims the bot's arrival posts. A failed post is logged
 * and not retried (the alert is a courtesy; the join itself has been recorded).
 */
async function announceJoin(
  deps: JoinDeps,
  slack: SlackGateway,
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
  if (!(await new ArrivalStore(deps.models).claimGreeting(arrival, 'join-alert'))) return;
  const { alertsChannel, hideName } = plan;
  const message = joinAlertMessage(
    { id: channel.channelId, name: channel.name, hideName },
    join.reason,
  );
  const log = { automation: 'join-alert', teamId, alertsChannel, channelId: channel.channelId };
  await slack.post({ channel: alertsChannel, ...message }, { bestEffort: log });
}
