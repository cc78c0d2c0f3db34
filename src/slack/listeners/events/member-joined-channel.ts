import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { botJoinedChannel } from '../../../services/automations/join.js';
import { welcomeMember } from '../../../services/automations/welcome.js';
import { SlackChannelId, SlackUserId } from '../../../settings/primitives.js';

/** The part of `member_joined_channel` the bot reads. */
export const MemberJoinedChannelEvent = z.object({
  user: SlackUserId,
  channel: SlackChannelId,
  inviter: SlackUserId.optional(),
});

/** The bot was added to a channel (record it, maybe announce it), or a person joined (welcome). */
export function register(app: App, deps: BotDeps): void {
  app.event('member_joined_channel', async ({ event, context, logger }) => {
    const parsed = MemberJoinedChannelEvent.safeParse(event);
    const { teamId, botUserId } = context;
    if (!parsed.success || !teamId || !botUserId) {
      logger.debug('member_joined_channel ignored: unexpected shape or unknown team');
      return;
    }
    const { user, channel, inviter } = parsed.data;
    const slack = await deps.slack(teamId);
    if (user === botUserId) {
      await botJoinedChannel(deps, slack, { teamId, channelId: channel, botUserId, inviter });
    } else {
      await welcomeMember(deps, slack, { teamId, channelId: channel, userId: user });
    }
  });
}
