import type { SlackChannelInfo } from '../channels/channel.js';
import { escapeMrkdwn } from '../text/mrkdwn.js';

export type ChannelRef = { id: string } | { name: string };
const INVITE = '`/invite @Triage`';

/** What a command that needs a set-up channel answers elsewhere. */
export const NOT_SET_UP =
  "This channel isn't set up for triage yet: run `/triage setup customer` here first " +
  "(or `/triage setup triage` for a triage team's channel).";

/**
 * Why `/triage setup <kind>` cannot run in `channelId` (described by Slack as `here`, undefined
 * when Slack would not describe it), as the answer to give; undefined when it can.
 *
 * @example
 * setupRefusal('D123', undefined, 'customer'); // ':warning: Run `/triage setup` in a channel, …'
 */
export function setupRefusal(
  channelId: string,
  here: SlackChannelInfo | undefined,
  kind: 'customer' | 'triage',
): string | undefined {
  if (channelId.startsWith('D')) {
    return ':warning: Run `/triage setup` in a channel, not in a direct message.';
  }
  // Slack hides private channels from a bot that is not in them.
  if (!here) {
    return `:warning: I can't see this channel: it is private and I'm not in it. Run ${INVITE} here, then \`/triage setup ${kind}\` again.`;
  }
  if (here.is_archived) return ':warning: This channel is archived.';
  return undefined;
}

/**
 * Why the mentioned triage channel (`ref`, looked up as `info`) cannot take `hereId`'s requests,
 * as the answer to give; undefined when it can.
 */
export function triageRefusal(
  hereId: string,
  ref: ChannelRef,
  info: SlackChannelInfo | undefined,
): string | undefined {
  const label = 'id' in ref ? `<#${ref.id}>` : `#${escapeMrkdwn(ref.name)}`;
  if (!info) {
    return `:warning: I can't find ${label}. If it is private, run ${INVITE} there first. Nothing was changed.`;
  }
  if (info.is_archived) return `:warning: ${label} is archived. Nothing was changed.`;
  if (info.id === hereId) {
    return ':warning: The triage channel must be another channel: requests are posted there for your team.';
  }
  return undefined;
}

/** Whether the bot may join a channel it is not in on its own: public ones only. */
export function mayJoin(info: SlackChannelInfo): boolean {
  return !info.is_member && !info.is_private;
}

/** The note on the bot's membership of a channel it was not in. */
export function joinNote(channelId: string, joined: boolean): string {
  return joined
    ? `I joined <#${channelId}>.`
    : `:warning: I'm not in <#${channelId}> and couldn't join it: run ${INVITE} there.`;
}

/**
 * The answer to a setup that was saved: what the channel now is and where its requests go
 * (`triageChannelId` as stored after the write), then the notes on joining.
 */
export function setupDone(
  here: SlackChannelInfo,
  kind: 'customer' | 'triage',
  triageChannelId: string | null | undefined,
  notes: string[],
): string {
  const done = `:white_check_mark: <#${here.id}> is set up as a *${kind}* channel.`;
  const routing =
    kind === 'triage'
      ? `In each customer channel, run \`/triage setup customer #${escapeMrkdwn(here.name)}\` to send its requests here.`
      : triageChannelId
        ? `New requests here go to <#${triageChannelId}>.`
        : 'No triage channel yet: run `/triage setup customer #your-triage-channel` to route its requests.';
  return [`${done} ${routing}`, ...notes].join('\n');
}
