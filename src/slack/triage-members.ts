import { errorCode } from '../errors.js';
import type { SlackGateway } from './gateway.js';
import { slackErrorCode } from './safe-call.js';

const MEMBERS_TTL_MS = 5 * 60_000;
/** Per running bot (`owner`; tests run several), per channel: the members and when read. */
const caches = new WeakMap<object, Map<string, { at: number; members: Set<string> }>>();

/**
 * Slack's answers that are real ones: the bot is not in the triage channel (yet), or the channel
 * is gone. Nobody is an agent by that channel's membership, and that is cached like a list.
 */
const NO_MEMBERS = ['not_in_channel', 'channel_not_found'];

/**
 * A triage channel's members, read at most every five minutes. A failure that says nothing
 * about the members (a rate limit, a 5xx, the network) is not an answer: it is logged and not
 * cached, and this call uses the last list read, or none (for this call only) when there is none.
 */
export async function triageMembers(
  owner: object,
  slack: SlackGateway,
  channelId: string,
  now: Date,
): Promise<Set<string>> {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const cached = cache.get(channelId);
  if (cached && now.getTime() - cached.at < MEMBERS_TTL_MS) return cached.members;
  let members: Set<string>;
  try {
    members = new Set(await slack.members(channelId, { expect: NO_MEMBERS }));
  } catch (error) {
    const slackError = slackErrorCode(error);
    const code = errorCode(error);
    slack.logger.warn(
      { err: error, channelId, code, slackError, usingLastKnown: !!cached },
      'could not read the triage channel members; not cached',
    );
    return cached?.members ?? new Set();
  }
  cache.set(channelId, { at: now.getTime(), members });
  return members;
}
