import { isCustomerRequester, isPersonRequester, needsRecording } from '../../contacts/contact.js';
import { ContactStore } from '../../db/repositories/contacts.js';
import type { BotDeps, RequestHooks } from '../../deps.js';
import { userProfile } from '../../slack/user-emails.js';
import type { ChannelContext } from '../requests/channel-context.js';

/** Contacts this instance recorded lately (per running bot, as `deps.models`); oldest go first. */
const MAX_CACHED = 10_000;
const recorded = new WeakMap<object, Map<string, { at: number; accountId: string | null }>>();

/**
 * Records the customer who opened a request as a contact of the workspace, after the card (a
 * request hook, so never on the ack path). At most one database call per new request, none when
 * this instance recorded the same person in the same account within the last few minutes
 * (`needsRecording`); none for a thread reply. The name and address come from Slack's profile,
 * read through the hourly cache the card uses; a failed lookup records the contact without them.
 * Best effort: a failure is logged, and the hooks after this one still run.
 */
export const contactHooks: RequestHooks = {
  async created(deps, ctx, request) {
    if (!isPersonRequester(request.requesterId)) return;
    try {
      await record(deps, ctx, { teamId: request.teamId, userId: request.requesterId });
    } catch (error) {
      const { teamId, requesterId: userId } = request;
      deps.logger.warn({ err: error, teamId, userId }, 'could not record the contact');
    }
  },
};

async function record(
  deps: BotDeps,
  ctx: ChannelContext,
  { teamId, userId }: { teamId: string; userId: string },
) {
  const { accountId, isExtShared } = ctx.channel;
  const now = deps.clock.now();
  let cache = recorded.get(deps.models);
  if (!cache) recorded.set(deps.models, (cache = new Map()));
  const key = `${teamId}:${userId}`;
  const account = accountId ? String(accountId) : null;
  if (!needsRecording(cache.get(key), account, now)) return;
  const profile = await userProfile(deps.models, await deps.slack(teamId), teamId, userId, now);
  const supportSide = ctx.internalUserIds;
  const facts = {
    userId,
    teamId: profile?.teamId,
    workspaceTeamId: teamId,
    isExtShared,
    supportSide,
  };
  if (!isCustomerRequester(facts)) return;
  if (!profile?.name) deps.logger.debug({ teamId, userId }, 'contact recorded without a name');
  await new ContactStore(deps.models).recordSlackUser({
    teamId,
    userId,
    accountId,
    name: profile?.name ?? null,
    email: profile?.email ?? null,
    at: now,
  });
  cache.delete(key);
  cache.set(key, { at: now.getTime(), accountId: account });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
}
