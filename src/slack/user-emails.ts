import type { SlackGateway } from './gateway.js';

const PROFILE_TTL_MS = 60 * 60_000;
/** People remembered per running bot; the oldest entry goes first. */
const MAX_CACHED = 10_000;

/** What the bot keeps of a person's Slack profile. */
export interface UserProfile {
  /** The display name, else the real name; null when Slack gives neither. */
  name: string | null;
  /** `profile.email` (the `users:read.email` scope); null when Slack gives none. */
  email: string | null;
  /** The person's own Slack team (another organisation's, for a Slack Connect guest). */
  teamId: string | null;
}

/** Per running bot (`owner`; tests run several), per workspace and user: the profile and when read. */
const caches = new WeakMap<object, Map<string, { at: number; profile: UserProfile }>>();

/**
 * A person's name, e-mail address and team as `users.info` gives them, read at most hourly;
 * `undefined` when Slack cannot be reached (logged, not cached). The address is null for a bot,
 * an unknown person, or an external person whose organisation hides it.
 */
export async function userProfile(
  owner: object,
  slack: SlackGateway,
  teamId: string,
  userId: string,
  now: Date,
): Promise<UserProfile | undefined> {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const key = `${teamId}:${userId}`;
  const cached = cache.get(key);
  if (cached && now.getTime() - cached.at < PROFILE_TTL_MS) return cached.profile;
  const answer = await slack.user(userId, {
    expect: ['user_not_found'],
    bestEffort: { step: 'users_info_profile', teamId, userId },
  });
  if (answer === undefined) return cached?.profile;
  const p = answer.user?.profile;
  const profile = {
    name: p?.display_name || p?.real_name || answer.user?.real_name || null,
    email: p?.email || null,
    teamId: answer.user?.team_id ?? null,
  };
  cache.delete(key);
  cache.set(key, { at: now.getTime(), profile });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return profile;
}

/** A person's e-mail address (`userProfile`); `undefined` when Slack gives none or is not reached. */
export async function userEmail(
  owner: object,
  slack: SlackGateway,
  teamId: string,
  userId: string,
  now: Date,
): Promise<string | undefined> {
  return (await userProfile(owner, slack, teamId, userId, now))?.email ?? undefined;
}
