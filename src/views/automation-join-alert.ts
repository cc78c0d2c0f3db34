import type { KnownBlock } from '@slack/web-api';
import { channelMention } from '../text/mrkdwn.js';

/** Why the bot is in a channel now: it joined by itself, or someone added it. */
export type JoinReason = { kind: 'auto-join' } | { kind: 'invited'; inviter?: string };

/**
 * The alert posted to `notifyOnChannelJoin.alertsChannel` when the bot joins a channel:
 * "Triage joined #name", the name linking to the channel, and why it joined. With `hideName`
 * (a private channel under `hidePrivateChannelMetadata`) the text does not carry the name; the
 * link still shows it to people who are in that channel, as Slack renders it.
 */
export function joinAlertMessage(
  channel: { id: string; name: string; hideName?: boolean },
  reason: JoinReason,
): { text: string; blocks: KnownBlock[] } {
  const label = channel.hideName ? 'a private channel' : `#${channel.name}`;
  const mention = channelMention(channel.id, channel.name, channel.hideName);
  const link = channel.hideName ? `a private channel ${mention}` : mention;
  const why =
    reason.kind === 'auto-join'
      ? 'Joined automatically: the channel name matches the auto-join conditions.'
      : reason.inviter
        ? `Added by <@${reason.inviter}>.`
        : 'Added to the channel.';
  return {
    text: `Triage joined ${label}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `:wave: Triage joined ${link}` },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: why }] },
    ],
  };
}
