import type { SlackGateway } from './gateway.js';

const EMAIL_TTL_MS = 60 * 60_000;
/** People remembered per running bot; the oldest entry goes first. */
const MAX_CACHED = 10_000;
/** Per running bot (`owner`; tests run several), per workspace and user: the address and when read. */
const caches = new WeakMap<object, Map<string, { at: number; email: string | null }>>();

/**
 * A person's e-mail address as `users.info` gives it (`profile.email`, which needs the
 * `users:read.email` scope), read at most hourly; `undefined` when Slack gives none (a bot, an
 * external person whose organisation hides it) or cannot be reached (logged, not cached).
 */
export async function userEmail(
  owner: object,
  slack: SlackGateway,
  teamId: string,
  userId: string,
  now: Date,
): Promise<string | undefined> {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  const key = `${teamId}:${userId}`;
  const cached = cache.get(key);
  if (cached && now.getTime() - cached.at < EMAIL_TTL_MS) return cached.email ?? undefined;
  const answer = await slack.user(userId, {
    expect: ['user_not_found'],
    bestEffort: { step: 'users_info_email', teamId, userId },
  });
  if (answer === undefined) return cached?.email ?? undefined;
  const email = answer.user?.profile?.email || null;
  cache.delete(key);
  cache.set(key, { at: now.getTime(), email });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return email ?? undefined;
}
