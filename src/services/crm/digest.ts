import { digestPeriod, nextDigestAt } from '../../accounts/digest.js';
import { ACCOUNT_DIGEST } from '../../accounts/jobs.js';
import { claimOnce, releaseClaim, type AccountDoc } from '../../db/models/index.js';
import { AccountDigestStore } from '../../db/repositories/account-digest.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import { accountDigest } from '../../views/account-digest.js';

/** The keys whose change moves accounts' digests. */
export const DIGEST_KEYS = ['crm.summariser.schedule', 'crm.summariser.timezone'] as const;

/**
 * Schedules the account's next digest (`crm.summariser`: 09:00 in its time zone, daily or on
 * Mondays), replacing a pending one; with NEVER, cancels it.
 */
export async function scheduleDigest(deps: BotDeps, account: AccountDoc): Promise<void> {
  const { schedule, timezone } = (await deps.settings.forAccount(account)).crm.summariser;
  const at = nextDigestAt(schedule, timezone, deps.clock.now());
  const key = String(account._id);
  if (at) await deps.timers.schedule(ACCOUNT_DIGEST, key, at);
  else await deps.timers.cancel(ACCOUNT_DIGEST, key);
}

/**
 * Gives every account of every workspace whose schedule is not NEVER a pending digest job if it
 * has none (a schedule set before digests were built, a process killed in a run before it
 * scheduled the next); pending jobs are left as they are. Run by the hourly housekeeping.
 */
export async function ensureDigests(deps: BotDeps): Promise<number> {
  let ensured = 0;
  for (const account of await new WorkspaceStore(deps.models).allAccounts()) {
    const { schedule, timezone } = (await deps.settings.forAccount(account)).crm.summariser;
    const at = nextDigestAt(schedule, timezone, deps.clock.now());
    if (!at) continue;
    await deps.timers.scheduleIfNone(ACCOUNT_DIGEST, String(account._id), at);
    ensured++;
  }
  return ensured;
}

/** `scheduleDigest` for every account of a workspace (its settings changed). */
export async function scheduleDigests(deps: BotDeps, teamId: string): Promise<void> {
  for (const account of await new WorkspaceStore(deps.models).accounts(teamId))
    await scheduleDigest(deps, account);
}

/**
 * The digest job: schedules the next one first (so a failure here does not end the schedule),
 * then posts the digest of the period that ended at the last 09:00 into the account's internal
 * channel, once per account and period (a claim keyed by both: a retried job, a late one or a
 * second instance posts nothing more). Nothing is posted without an internal channel. Returns
 * whether it posted.
 */
export async function postDigest(deps: BotDeps, accountId: string): Promise<boolean> {
  const account = await new WorkspaceStore(deps.models).accountById(accountId);
  if (!account) return false;
  await scheduleDigest(deps, account);
  const { schedule, timezone } = (await deps.settings.forAccount(account)).crm.summariser;
  const now = deps.clock.now();
  const period = digestPeriod(schedule, timezone, now);
  const channel = account.internalChannelId;
  if (!period || schedule === 'NEVER' || !channel) return false;
  const claim = `digest:${accountId}:${period.end.toISOString()}`;
  if (!(await claimOnce(deps.models.claims, claim, now))) return false;
  try {
    const channelIds = (await new ChannelStore(deps.models).byAccount(account.teamId)).get(
      accountId,
    );
    const facts = await new AccountDigestStore(deps.models).facts(
      account.teamId,
      channelIds ?? [],
      period,
    );
    const digest = accountDigest({
      accountName: account.name,
      schedule,
      timezone,
      period,
      facts,
      now,
    });
    await (await deps.slack(account.teamId)).post({ channel, ...digest });
    return true;
  } catch (error) {
    // Not posted: a retry of the job may take the claim again.
    await releaseClaim(deps.models.claims, claim);
    throw error;
  }
}
