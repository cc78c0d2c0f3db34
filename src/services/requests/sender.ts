import { classifySender, senderTeamMatters, type SenderKind } from '../../requests/sender.js';
import type { SlackGateway } from '../../slack/gateway.js';
import type { ChannelContext } from './context.js';

/** Who sent a message, in Slack's terms. */
export interface SenderIdentity {
  teamId: string;
  botUserId: string;
  userId?: string;
  botId?: string;
  /** `user_team` / `team` of the event, when it has one. */
  userTeamId?: string;
}

/**
 * Customer, agent or neither (see `classifySender`). When only the sender's team can tell and
 * the event does not carry it, Slack is asked (`users.info`); if that fails the sender is not
 * taken for an agent.
 */
export async function senderOf(
  slack: SlackGateway,
  ctx: ChannelContext,
  sender: SenderIdentity,
  requesterId: string | undefined,
): Promise<SenderKind> {
  const facts = {
    userId: sender.userId,
    botId: sender.botId,
    userTeamId: sender.userTeamId,
    workspaceTeamId: sender.teamId,
    botUserId: sender.botUserId,
    requesterId,
    isExtShared: ctx.channel.isExtShared,
    internalUserIds: ctx.internalUserIds,
    whitelistedBots: ctx.features.requests.config.white_listed_bots,
  };
  if (sender.userId && senderTeamMatters(facts)) {
    const user = sender.userId;
    const found = await slack.user(user, { bestEffort: { step: 'sender_team', user } });
    facts.userTeamId = found?.user?.team_id;
  }
  return classifySender(facts);
}
