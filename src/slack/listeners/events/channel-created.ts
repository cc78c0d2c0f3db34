import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { autoJoinChannel } from '../../../services/automations/join.js';
import { SlackChannelId } from '../../../settings/primitives.js';

/** The part of `channel_created` the bot reads (Slack sends it for public channels). */
export const ChannelCreatedEvent = z.object({
  channel: z.object({
    id: SlackChannelId,
    name: z.string().min(1),
    is_private: z.boolean().optional(),
  }),
});

/** A public channel appeared: join it when it matches the auto-join conditions. */
export function register(app: App, deps: BotDeps): void {
  app.event('channel_created', async ({ event, context, logger }) => {
    const parsed = ChannelCreatedEvent.safeParse(event);
    const { teamId, botUserId } = context;
    if (!parsed.success || !teamId || !botUserId || parsed.data.channel.is_private) {
      logger.debug('channel_created ignored: not a public channel of a known team');
      return;
    }
    const { id, name } = parsed.data.channel;
    const slack = await deps.slack(teamId);
    await autoJoinChannel(deps, slack, { teamId, channelId: id, name, botUserId });
  });
}
