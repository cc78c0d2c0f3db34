import type { RequestsConfig as Schema } from '../settings/features/requests-config.js';
import type { z } from 'zod';

type RequestsConfig = z.infer<typeof Schema>;

/**
 * The welcome shown to a customer joining a channel: `welcome_message` in a customer channel with
 * `should_send_welcome_message` on; undefined when nobody is welcomed there (other kinds of
 * channel, the switch off, or an empty message).
 */
export function welcomeMessage(
  channelKind: string,
  config: Pick<RequestsConfig, 'should_send_welcome_message' | 'welcome_message'>,
): string | undefined {
  if (channelKind !== 'customer' || !config.should_send_welcome_message) return undefined;
  return config.welcome_message.trim() === '' ? undefined : config.welcome_message;
}

/** What Slack's `users.info` says of a person, as the welcome reads it. */
export interface JoinerProfile {
  is_bot?: boolean;
  deleted?: boolean;
  team_id?: string;
}

/**
 * Whether a person joining a channel of team `channel.teamId` is on the customer side, from
 * their profile alone: someone from another Slack team (Slack Connect) is; a bot, a deactivated
 * account, or our own team's person in a shared channel is not. `undecided` when only the
 * workspace's `internalUserIds` and the triage channel's members can tell (an unshared channel).
 */
export function customerByProfile(
  user: JoinerProfile,
  channel: { teamId: string; isExtShared: boolean },
): boolean | 'undecided' {
  if (user.is_bot || user.deleted) return false;
  if (user.team_id && user.team_id !== channel.teamId) return true;
  if (channel.isExtShared) return false; // our own team's people in a Connect channel are staff
  return 'undecided';
}

/**
 * In an unshared channel: a person is a customer unless listed in `internalUserIds` or a member
 * of the channel's triage channel (`inTriage`; undefined when Slack would not say, and then
 * nobody is greeted rather than greeting an agent). With no triage channel, only the list counts.
 */
export function customerByTeam(input: {
  userId: string;
  internalUserIds: readonly string[];
  hasTriageChannel: boolean;
  inTriage: boolean | undefined;
}): boolean | undefined {
  if (input.internalUserIds.includes(input.userId)) return false;
  if (!input.hasTriageChannel) return true;
  return input.inTriage === undefined ? undefined : !input.inTriage;
}

/**
 * The Slack errors of a failed welcome that keep its claim: a person who already left
 * (`user_not_in_channel`) was greeted as far as Slack allows. Any other failure frees it, so
 * their next join is welcomed.
 */
export const KEEPS_WELCOME_CLAIM: readonly string[] = ['user_not_in_channel'];

/** Whether a welcome claim is kept after the post failed with `slackError` (`KEEPS_WELCOME_CLAIM`). */
export function keepsWelcomeClaim(slackError: string | undefined): boolean {
  return slackError !== undefined && KEEPS_WELCOME_CLAIM.includes(slackError);
}
