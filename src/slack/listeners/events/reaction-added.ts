import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { mayReact, reactionIntent } from '../../../requests/commands.js';
import { classifySender } from '../../../requests/sender.js';
import {
  applyRequestCommand,
  createTicketFromReaction,
} from '../../../services/requests/actions.js';
import { channelContext } from '../../../services/requests/context.js';
import { SlackGateway } from '../../gateway.js';

const ReactionAdded = z.object({
  user: z.string(),
  reaction: z.string(),
  item: z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

/**
 * Emoji shortcuts on a customer's message, by an agent: 👀 assigns to them, ✅ closes, and 🎫
 * makes a ticket when allow_ticket_creation_with_ticket_emoji.
 */
export function register(app: App, deps: BotDeps): void {
  app.event('reaction_added', async ({ event, context, client }) => {
    const parsed = ReactionAdded.safeParse(event);
    if (!parsed.success) return;
    const { user, reaction, item } = parsed.data;
    const intent = reactionIntent(reaction, user, context.botUserId);
    if (!intent) return;
    const teamId = context.teamId as string;
    const slack = new SlackGateway(client, deps.logger);
    const ctx = await channelContext(deps, slack, teamId, item.channel);
    if (!ctx || ctx.channel.kind !== 'customer') return;
    const sender = classifySender({
      userId: user,
      workspaceTeamId: teamId,
      botUserId: context.botUserId as string,
      isExtShared: ctx.channel.isExtShared,
      internalUserIds: ctx.internalUserIds,
      whitelistedBots: [],
      // A reaction event carries no team: in Connect channels only our own people can be agents,
      // so resolve the reactor's team from Slack.
      userTeamId: ctx.channel.isExtShared ? (await slack.user(user))?.user?.team_id : undefined,
    });
    const tickets = ctx.features.tickets.config.allow_ticket_creation_with_ticket_emoji;
    if (!mayReact(intent, sender, tickets)) return;
    const find = { teamId, channelId: item.channel, rootTs: item.ts };
    if (intent.kind === 'ticket') await createTicketFromReaction(deps, slack, find, user);
    else await applyRequestCommand(deps, slack, find, intent, user);
  });
}
