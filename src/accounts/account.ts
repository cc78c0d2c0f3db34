import type { SlackChannelInfo } from '../channels/channel.js';
import { AppError, validationError, type ErrorDetail } from '../errors.js';

/** One channel of an account to create, as looked up: who owns it already, what Slack says. */
export interface AccountChannelCheck {
  channelId: string;
  /** Its place in the request body, for the error's `loc`. */
  index: number;
  /** The workspace of the account that already owns the channel, if one does. */
  ownerTeamId?: string;
  /** Slack's description; undefined when Slack has no such channel (or hides it). */
  info?: SlackChannelInfo;
}

/**
 * Whether an account named `name` may be created in `teamId` with the checked channels: a name
 * already taken, a channel already in an account or unknown to Slack are all reported together
 * (a 422 listing each); a channel of another workspace's account is refused outright
 * (`forbidden_workspace`), naming no more. On success, the channels to link.
 *
 * @example
 * accountPlan('T1', 'Acme', false, [{ channelId: 'C1', index: 0, ownerTeamId: 'T1' }]);
 * // { ok: false, error: AppError(invalid_input: channels.0 already belongs to an account) }
 */
export function accountPlan(
  teamId: string,
  nameTaken: { name: string } | undefined,
  checks: readonly AccountChannelCheck[],
): { ok: true; channels: SlackChannelInfo[] } | { ok: false; error: AppError } {
  const foreign = checks.find((check) => check.ownerTeamId && check.ownerTeamId !== teamId);
  if (foreign) {
    const message = `channel ${foreign.channelId} belongs to another workspace`;
    return { ok: false, error: new AppError('forbidden_workspace', message) };
  }
  const problems: ErrorDetail[] = [];
  if (nameTaken) {
    const msg = `an account named "${nameTaken.name}" exists`;
    problems.push({ loc: ['body', 'name'], msg, type: 'duplicate' });
  }
  const channels: SlackChannelInfo[] = [];
  for (const { channelId, index, ownerTeamId, info } of checks) {
    const loc = ['body', 'channels', index];
    if (ownerTeamId) {
      const msg = `channel ${channelId} already belongs to an account`;
      problems.push({ loc, msg, type: 'duplicate' });
    } else if (!info) {
      const msg = `Slack has no channel ${channelId} (or it is private and the bot is not in it)`;
      problems.push({ loc, msg, type: 'channel_not_found' });
    } else channels.push(info);
  }
  return problems.length > 0
    ? { ok: false, error: validationError(problems) }
    : { ok: true, channels };
}
