import type { RequestDoc } from '../../db/models/index.js';
import { ContactStore } from '../../db/repositories/contacts.js';
import type { BotDeps } from '../../deps.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { emailRequester } from '../../text/mrkdwn.js';
import { channelContext } from './context.js';
import { RequestIntake, type IncomingMessage } from './intake.js';

/** A customer's e-mail or web form as the bot posted it in the channel, and who sent it. */
export type EmailedMessage = Omit<IncomingMessage, 'userId' | 'botUserId'> & {
  from: { email: string; name: string | null };
};

/**
 * A customer's e-mail (issue 15) or web form (issue 12, `source: 'web'`) the bot posted, taken
 * as theirs (`userId`: `email:<address>`): the sender is recorded as the workspace's e-mail
 * contact (on the channel's account), then the post goes through intake as a customer's message.
 * Answers the request it opened, joined or replied to; null when detection took it for none.
 */
export async function takeEmailed(
  deps: BotDeps,
  slack: SlackGateway,
  message: EmailedMessage,
): Promise<RequestDoc | null> {
  const { teamId, channelId, from } = message;
  const ctx = await channelContext(deps, slack, teamId, channelId);
  await new ContactStore(deps.models).recordEmail({
    teamId,
    email: from.email,
    accountId: ctx?.channel.accountId ?? null,
    name: from.name,
    at: deps.clock.now(),
  });
  if (!ctx || ctx.channel.kind !== 'customer') return null;
  const incoming = { ...message, userId: emailRequester(from.email), botUserId: '' };
  return new RequestIntake(deps, slack).posted(ctx, incoming);
}
