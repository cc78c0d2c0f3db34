import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { autoJoinChannel } from '../../../services/automations/join.js';
import { SlackChannelId } from '../../../settings/primitives.js';

/** The part of `channel_rename` the bot reads (private channels send `group_rename` instead). */
export const ChannelRenameEvent = z.object({
  channel: z.object({
    id: SlackChannelId,
    name: z.string().min(1),
    is_channel: z.boolean().optional(),
  }),
});

/** A public channel was renamed: join it when its new name matches the auto-join conditions. */
export function register(app: App, deps: BotDeps): void {
  app.event('channel_rename', async ({ event, context, logger }) => {
    const parsed = ChannelRenameEvent.safeParse(event);
    const { teamId, botUserId } = context;
    if (!parsed.success || !teamId || !botUserId || parsed.data.channel.is_channel === false) {
      logger.debug('channel_rename ignored: not a public channel of a known team');
      return;
    }
    const { id, name } = parsed.data.channel;
    const slack = await deps.slack(teamId);
    await autoJoinChannel(deps, slack, { teamId, channelId: id, name, botUserId });
  });
}
