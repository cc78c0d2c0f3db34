import {
  customerByProfile,
  customerByTeam,
  KEEPS_WELCOME_CLAIM,
  welcomeMessage,
} from '../../automations/welcome.js';
import type { ChannelDoc } from '../../db/models/index.js';
import { ArrivalStore, type Arrival } from '../../db/repositories/arrivals.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { slackErrorCode } from '../../slack/safe-call.js';

type WelcomeDeps = Pick<BotDeps, 'models' | 'settings' | 'logger'>;

/**
 * `member_joined_channel` for a person: in a known customer channel with
 * `should_send_welcome_message` on, shows `welcome_message` to a joining customer as an
 * ephemeral (only they see it, so the channel is not filled with greetings), once per person
 * per channel, ever. The claim is a unique `welcomes` document inserted before posting: only
 * the delivery whose insert wins posts; a failed post frees it unless Slack's answer
 * `keepsWelcomeClaim`.
 */
export async function welcomeMember(
  deps: WelcomeDeps,
  slack: SlackGateway,
  event: Arrival,
): Promise<void> {
  const { teamId, channelId, userId } = event;
  const channel = await new ChannelStore(deps.models).find(teamId, channelId);
  if (!channel) return;
  const config = (await deps.settings.effective(teamId, channelId)).requests.config;
  const text = welcomeMessage(channel.kind, config);
  if (!text) return;

  const log = { automation: 'welcome', teamId, channelId, userId };
  if ((await isCustomer(deps, slack, log, channel, userId)) !== true) return;

  // Welcomed before, or another delivery of this join is welcoming them right now.
  const arrivals = new ArrivalStore(deps.models);
  if (!(await arrivals.claimGreeting(event, 'welcome'))) return;
  try {
    const welcome = { channel: channelId, user: userId, text };
    await slack.postEphemeral(welcome, { expect: KEEPS_WELCOME_CLAIM });
  } catch (error) {
    const slackError = slackErrorCode(error);
    deps.logger.warn({ ...log, slackError, err: error }, 'welcome message not shown');
    await arrivals.releaseGreeting(event);
  }
}

/**
 * Whether the person is on the customer side (`customerByProfile`, then `customerByTeam`);
 * undefined when Slack could not say (then nobody is greeted, rather than greeting an agent).
 */
async function isCustomer(
  deps: WelcomeDeps,
  slack: SlackGateway,
  log: Record<string, unknown>,
  channel: ChannelDoc,
  userId: string,
): Promise<boolean | undefined> {
  const found = await slack.user(userId, { bestEffort: log });
  if (!found?.user) return undefined;
  const byProfile = customerByProfile(found.user, channel);
  if (byProfile !== 'undecided') return byProfile;
  const internalUserIds = await new WorkspaceStore(deps.models).internalUserIds(channel.teamId);
  const triage = channel.triageChannelId;
  // Asked only when the answer can matter: a listed person is staff whatever the triage says.
  const inTriage =
    triage && !internalUserIds.includes(userId) ? await slack.isMember(triage, userId) : undefined;
  return customerByTeam({ userId, internalUserIds, hasTriageChannel: Boolean(triage), inTriage });
}
