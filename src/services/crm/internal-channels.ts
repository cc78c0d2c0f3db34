import { customerName, internalChannelName } from '../../accounts/internal-channel.js';
import { INTERNAL_CHANNELS_SYNC } from '../../accounts/jobs.js';
import type { AccountDoc } from '../../db/models/index.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import type { SlackGateway } from '../../slack/gateway.js';
import { bestEffort } from '../../slack/safe-call.js';

/** The keys whose change may give accounts an internal channel (a sweep of the workspace). */
export const INTERNAL_CHANNEL_KEYS = [
  'crm.internal_channels.auto_sync',
  'crm.internal_channels.pattern',
] as const;

/**
 * Asks for a sweep of the workspace's accounts (`syncInternalChannels`) as a job due now: one
 * pending job per workspace, so a burst of account creations and settings writes runs it once,
 * and a crash before it ends leaves it to run again.
 */
export async function requestInternalChannelSync(deps: BotDeps, teamId: string): Promise<void> {
  await deps.timers.schedule(INTERNAL_CHANNELS_SYNC, teamId, deps.clock.now());
}

/**
 * Gives each account of the workspace whose `crm.internal_channels.auto_sync` is on and that has
 * no internal channel yet one named by the pattern: created private (or, when the name is taken,
 * the existing channel the bot can see), linked on the account by a conditional update, with the
 * triage team invited. Safe to run again and on two instances at once: a channel made by an
 * earlier or concurrent run is found by its name (`name_taken`) and linked, never made twice.
 * Returns how many accounts it linked.
 */
export async function syncInternalChannels(deps: BotDeps, teamId: string): Promise<number> {
  const store = new WorkspaceStore(deps.models);
  const waiting = (await store.accounts(teamId)).filter((account) => !account.internalChannelId);
  let linked = 0;
  for (const account of waiting) {
    const { auto_sync, pattern } = (await deps.settings.forAccount(account)).crm.internal_channels;
    if (!auto_sync) continue;
    const context = { teamId, accountId: String(account._id) };
    const name = internalChannelName(pattern, customerName(account));
    if (!name) {
      deps.logger.warn({ ...context, pattern }, 'internal channel: the name would be empty');
      continue;
    }
    const slack = await deps.slack(teamId);
    const channelId = await ensureChannel(slack, name);
    if (!channelId) {
      deps.logger.warn({ ...context, name }, 'internal channel: name taken by a hidden channel');
      continue;
    }
    if ((await store.linkInternalChannel(account._id, channelId)) !== channelId) continue;
    await inviteTeam(deps, slack, account, channelId);
    linked++;
  }
  return linked;
}

/**
 * The channel named `name`: created private (an account's internal talk about a customer is
 * not for everyone in the workspace), or the one that already has the name, joined if public.
 * Undefined when the name is taken by a channel the bot cannot see (private, without it).
 */
async function ensureChannel(slack: SlackGateway, name: string): Promise<string | undefined> {
  const created = await slack.createChannel(name, true, { expect: ['name_taken'] });
  if (created) return created;
  const existing = await slack.channelIdByName(name);
  if (!existing) return undefined;
  const info = await slack.channelInfo(existing);
  if (info && !info.is_member) await slack.join(existing, { expect: ['already_in_channel'] });
  return existing;
}

/**
 * Invites the triage team into the internal channel: the workspace's `internalUserIds` and the
 * members of the triage channels the account's channels report to, less who is in already.
 */
async function inviteTeam(
  deps: BotDeps,
  slack: SlackGateway,
  account: AccountDoc,
  channelId: string,
): Promise<void> {
  const { teamId } = account;
  const channels = new ChannelStore(deps.models);
  const own = (await channels.byAccount(teamId)).get(String(account._id)) ?? [];
  const triage = new Set(
    (await channels.inTeam(teamId, own)).flatMap((c) => c.triageChannelId ?? []),
  );
  const team = new Set(await new WorkspaceStore(deps.models).internalUserIds(teamId));
  for (const triageId of triage) {
    const members = await slack.members(triageId, { bestEffort: { teamId, triageId } });
    for (const member of members ?? []) team.add(member);
  }
  const present = new Set((await slack.members(channelId)) ?? []);
  const invite = [...team].filter((user) => !present.has(user));
  if (invite.length === 0) return;
  // The link is made: a refused invite (a deactivated person) is logged, not retried forever.
  const context = { teamId, channelId, accountId: String(account._id) };
  await slack.invite(channelId, invite, { expect: ['already_in_channel'], bestEffort: context });
}

/**
 * The account's `{customer}` changed (its CRM link made, changed or removed): its internal channel
 * (`auto_sync`) is renamed from the pattern's old name to the new one with `conversations.rename`.
 * Only a channel still named as the pattern named it: one a person renamed is left alone, and so
 * is one already renamed (a repeated PATCH, a second instance: nothing is done twice). A name
 * taken by another channel keeps the old name, logged (`name_taken`): a numbered suffix could
 * pass for another customer's channel. Slack not answering is logged; the link stays made.
 */
export async function renameInternalChannel(
  deps: BotDeps,
  before: AccountDoc,
  after: AccountDoc,
): Promise<void> {
  const channelId = after.internalChannelId;
  if (!channelId) return;
  const { auto_sync, pattern } = (await deps.settings.forAccount(after)).crm.internal_channels;
  const from = internalChannelName(pattern, customerName(before));
  const to = internalChannelName(pattern, customerName(after));
  if (!auto_sync || !from || !to || from === to) return;
  const context = { teamId: after.teamId, accountId: String(after._id), channelId, from, to };
  const slack = await deps.slack(after.teamId);
  await bestEffort(deps.logger, context, async () => {
    const name = (await slack.channelInfo(channelId))?.name;
    if (name !== from) {
      if (name !== to)
        deps.logger.info({ ...context, name }, 'internal channel: renamed by a person; left');
      return;
    }
    const answer = await slack.renameChannel(channelId, to);
    if (answer === 'renamed') deps.logger.info(context, 'internal channel renamed');
    else if (answer === 'name_taken') {
      deps.logger.warn(context, 'internal channel: the new name is taken; the old name is kept');
    } else deps.logger.warn({ ...context, slackError: answer }, 'internal channel: rename refused');
  });
}
