import {
  digestPeriod,
  digestRetryAt,
  nextDigestAt,
  type DigestPeriod,
  type DigestSchedule,
} from '../../accounts/digest.js';
import { ACCOUNT_DIGEST, ACCOUNT_DIGEST_RETRY } from '../../accounts/jobs.js';
import { claimOnce, releaseClaim, type AccountDoc } from '../../db/models/index.js';
import { AccountDigestStore } from '../../db/repositories/account-digest.js';
import { ChannelStore } from '../../db/repositories/channels.js';
import { WorkspaceStore } from '../../db/repositories/workspaces.js';
import type { BotDeps } from '../../deps.js';
import { accountDigest } from '../../views/account-digest.js';

/** `crm.summariser`, as read for an account. */
interface Summariser {
  schedule: DigestSchedule;
  timezone: string;
}

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
 * then posts the digest of the period that ended at the last 09:00 (`postPeriod`). Returns
 * whether it posted.
 */
export async function postDigest(deps: BotDeps, accountId: string): Promise<boolean> {
  const account = await new WorkspaceStore(deps.models).accountById(accountId);
  if (!account) return false;
  await scheduleDigest(deps, account);
  const summariser = (await deps.settings.forAccount(account)).crm.summariser;
  const period = digestPeriod(summariser.schedule, summariser.timezone, deps.clock.now());
  return period ? postPeriod(deps, account, summariser, period, 1) : false;
}

/**
 * The retry job (`ACCOUNT_DIGEST_RETRY`, key `<account id>@<period end>`): the digest of that
 * period, its `attempt`-th try; nothing when the schedule changed since (another period).
 */
export async function retryDigest(deps: BotDeps, key: string, attempt: number): Promise<boolean> {
  const [accountId = '', end = ''] = key.split('@');
  const account = await new WorkspaceStore(deps.models).accountById(accountId);
  if (!account) return false;
  const summariser = (await deps.settings.forAccount(account)).crm.summariser;
  const period = digestPeriod(summariser.schedule, summariser.timezone, new Date(end));
  if (period?.end.toISOString() !== end) return false;
  return postPeriod(deps, account, summariser, period, attempt);
}

/**
 * Posts the period's digest into the account's internal channel, once per account and period (a
 * claim keyed by both: a retried job, a late one or a second instance posts nothing more).
 * Nothing without an internal channel. A failed post (Slack's 5xx or `ratelimited` after the
 * client's own retries, any error) frees the claim and is tried again by a retry job, 5, 15, 30
 * minutes later then hourly, for as long as that stays within the period (until the next digest
 * is due); then it is given up, logged.
 */
async function postPeriod(
  deps: BotDeps,
  account: AccountDoc,
  { schedule, timezone }: Summariser,
  period: DigestPeriod,
  attempt: number,
): Promise<boolean> {
  const now = deps.clock.now();
  const accountId = String(account._id);
  const channel = account.internalChannelId;
  if (schedule === 'NEVER' || !channel) return false;
  const end = period.end.toISOString();
  const claim = `digest:${accountId}:${end}`;
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
    await releaseClaim(deps.models.claims, claim);
    const retryAt = digestRetryAt(attempt, now, nextDigestAt(schedule, timezone, period.end));
    const log = { accountId, period: end, attempt, err: error };
    if (!retryAt) {
      deps.logger.warn(log, 'account digest not posted; given up (the next one is due)');
      return false;
    }
    await deps.timers.schedule(ACCOUNT_DIGEST_RETRY, `${accountId}@${end}`, retryAt, {
      attempt: attempt + 1,
    });
    deps.logger.warn({ ...log, retryAt }, 'account digest not posted; tried again later');
    return false;
  }
}
