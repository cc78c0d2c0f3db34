import type { SlackChannelInfo } from '../channels/channel.js';
import type { Features } from '../settings/features.js';
import { shouldNotifyJoin } from './match.js';

/** What a channel document keeps from Slack's `conversations.info`. */
export interface JoinedChannel {
  channelId: string;
  name: string;
  isPrivate: boolean;
  isExtShared: boolean;
  isArchived: boolean;
}

/**
 * The channel the bot has joined, from Slack's description when it gave one; else from what the
 * event said (a public channel, named `name`, shared when `conversations.join` said so).
 */
export function joinedChannelOf(
  channelId: string,
  info: SlackChannelInfo | undefined,
  fallback: { name: string; isExtShared: boolean },
): JoinedChannel {
  return {
    channelId,
    name: info?.name ?? fallback.name,
    isPrivate: info?.is_private ?? false,
    isExtShared: info?.is_ext_shared ?? fallback.isExtShared,
    isArchived: info?.is_archived ?? false,
  };
}

/**
 * Where and how the bot's joining `channel` is announced: the `notifyOnChannelJoin` alerts
 * channel when the rule selects the channel (see `shouldNotifyJoin`), with the name hidden for a
 * private channel under `hidePrivateChannelMetadata`; undefined when it is not announced.
 *
 * @example
 * // notifyOnChannelJoin on, alerts in C_ALERTS, conditions [starts_with ext-]
 * joinAlertPlan(features, { channelId: 'C1', name: 'ext-acme', isPrivate: false, … });
 * // { alertsChannel: 'C_ALERTS', hideName: false }
 */
export function joinAlertPlan(
  features: Features,
  channel: JoinedChannel,
): { alertsChannel: string; hideName: boolean } | undefined {
  const ref = { id: channel.channelId, name: channel.name, isPrivate: channel.isPrivate };
  const alertsChannel = features.requests.automations.notifyOnChannelJoin.alertsChannel;
  if (!alertsChannel || !shouldNotifyJoin(features, ref)) return undefined;
  return { alertsChannel, hideName: channel.isPrivate && features.hidePrivateChannelMetadata };
}
