import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { BotDeps } from '../../../deps.js';
import { mayReact, reactionIntent } from '../../../requests/commands.js';
import { isEscalationReaction } from '../../../requests/escalation.js';
import { classifySender } from '../../../requests/sender.js';
import {
  applyRequestCommand,
  createTicketFromReaction,
} from '../../../services/requests/actions.js';
import { holdReactionClose } from '../../../services/requests/categories.js';
import { channelContext } from '../../../services/requests/context.js';
import { escalateFromReaction } from '../../../services/escalation/entries.js';
import { SlackGateway } from '../../gateway.js';

const ReactionAdded = z.object({
  user: z.string(),
  reaction: z.string(),
  item: z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

/**
 * Emoji shortcuts on a customer's message, by an agent: 👀 assigns to them, ✅ closes, and 🎫
 * makes a ticket when allow_ticket_creation_with_ticket_emoji. ‼️ on any message of a request
 * escalates it; a refusal is an ephemeral to the reactor.
 */
export function register(app: App, deps: BotDeps): void {
  app.event('reaction_added', async ({ event, context, client }) => {
    const parsed = ReactionAdded.safeParse(event);
    if (!parsed.success) return;
    const { user, reaction, item } = parsed.data;
    const teamId = context.teamId as string;
    const slack = new SlackGateway(client, deps.logger);
    if (isEscalationReaction(reaction, user, context.botUserId)) {
      const done = await escalateFromReaction(deps, slack, {
        teamId,
        channelId: item.channel,
        ts: item.ts,
        userId: user,
        botUserId: context.botUserId,
      });
      if (!done || done.outcome.ok) return;
      const { text } = done.outcome;
      await slack.postEphemeral(
        {
          channel: item.channel,
          user,
          text,
          ...(done.threadTs ? { thread_ts: done.threadTs } : {}),
        },
        { bestEffort: { step: 'escalation_refusal', channel: item.channel } },
      );
      return;
    }
    const intent = reactionIntent(reaction, user, context.botUserId);
    if (!intent) return;
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
    if (intent.kind === 'ticket') await createTicketFromReaction(deps, slack, ctx, find, user);
    else if (intent.kind === 'status' && intent.to === 'closed') {
      if (!(await holdReactionClose(deps, slack, find, user))) {
        await applyRequestCommand(deps, slack, find, intent, user);
      }
    } else await applyRequestCommand(deps, slack, find, intent, user);
  });
}
