import type { WebClient } from '@slack/web-api';
import {
  customerByProfile,
  customerByTeam,
  keepsWelcomeClaim,
  welcomeMessage,
} from '../../automations/welcome.js';
import type { ChannelDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import type { Logger } from '../../logger.js';
import { isChannelMember } from '../../slack/lookups.js';
import { bestEffort, slackErrorCode } from '../../slack/safe-call.js';
import { claimGreeting, releaseGreeting } from './channel-state.js';

/** Someone other than the bot joined a channel. */
export interface MemberJoined {
  teamId: string;
  channelId: string;
  userId: string;
}

/**
 * `member_joined_channel` for a person: in a known customer channel with
 * `should_send_welcome_message` on, shows `welcome_message` to a joining customer as an
 * ephemeral (only they see it, so the channel is not filled with greetings), once per person
 * per channel, ever. The claim is a unique `welcomes` document inserted before posting: only
 * the delivery whose insert wins posts; a failed post frees it unless `keepsWelcomeClaim`.
 */
export async function welcomeMember(
  deps: BotDeps,
  client: WebClient,
  event: MemberJoined,
): Promise<void> {
  const { teamId, channelId, userId } = event;
  const channel = await deps.models.channels.findOne({ teamId, channelId }).lean<ChannelDoc>();
  if (!channel) return;
  const config = (await deps.settings.effective(teamId, channelId)).requests.config;
  const text = welcomeMessage(channel.kind, config);
  if (!text) return;

  const logger = deps.logger.child({ automation: 'welcome', teamId, channelId, userId });
  if ((await isCustomer(deps, client, logger, channel, userId)) !== true) return;

  // Welcomed before, or another delivery of this join is welcoming them right now.
  if (!(await claimGreeting(deps.models, event, 'welcome'))) return;
  try {
    await client.chat.postEphemeral({ channel: channelId, user: userId, text });
  } catch (error) {
    const slackError = slackErrorCode(error);
    logger.warn({ slackError, err: error }, 'welcome message not shown');
    if (!keepsWelcomeClaim(slackError)) await releaseGreeting(deps.models, event);
  }
}

/**
 * Whether the person is on the customer side (`customerByProfile`, then `customerByTeam`);
 * undefined when Slack could not say (then nobody is greeted, rather than greeting an agent).
 */
async function isCustomer(
  deps: BotDeps,
  client: WebClient,
  logger: Logger,
  channel: ChannelDoc,
  userId: string,
): Promise<boolean | undefined> {
  const found = await bestEffort(logger, { method: 'users.info' }, () =>
    client.users.info({ user: userId }),
  );
  if (!found?.user) return undefined;
  const byProfile = customerByProfile(found.user, channel);
  if (byProfile !== 'undecided') return byProfile;
  const workspace = await deps.models.workspaces.findById(channel.teamId).lean();
  const internalUserIds = workspace?.internalUserIds ?? [];
  const triage = channel.triageChannelId;
  // Asked only when the answer can matter: a listed person is staff whatever the triage says.
  const inTriage =
    triage && !internalUserIds.includes(userId)
      ? await isChannelMember(client, logger, triage, userId)
      : undefined;
  return customerByTeam({ userId, internalUserIds, hasTriageChannel: Boolean(triage), inTriage });
}
