import type { AccountDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import type { SettingsTarget } from '../settings.js';
import { DIGEST_KEYS, scheduleDigest, scheduleDigests } from './digest.js';
import { INTERNAL_CHANNEL_KEYS, requestInternalChannelSync } from './internal-channels.js';

const touches = (changed: readonly string[], keys: readonly string[]) =>
  changed.some((key) => keys.includes(key));

/**
 * What a settings write starts for accounts: a sweep for internal channels when
 * `crm.internal_channels.*` changed, the digests rescheduled when `crm.summariser.*` did, at the
 * workspace (every account) or an account (channel-level values do not apply to accounts).
 */
export async function crmSettingsWritten(
  deps: BotDeps,
  target: SettingsTarget,
  changed: readonly string[],
): Promise<void> {
  if (target.level === 'channel') return;
  if (touches(changed, INTERNAL_CHANNEL_KEYS))
    await requestInternalChannelSync(deps, target.teamId);
  if (!touches(changed, DIGEST_KEYS)) return;
  if (target.level === 'workspace') await scheduleDigests(deps, target.teamId);
  else await scheduleDigest(deps, await deps.settings.accountDoc(target.teamId, target.accountId));
}

/** What a new account starts: its internal channel (`auto_sync`) and its digests (a schedule). */
export async function accountCreated(deps: BotDeps, account: AccountDoc): Promise<void> {
  const { crm } = await deps.settings.forAccount(account);
  if (crm.internal_channels.auto_sync) await requestInternalChannelSync(deps, account.teamId);
  if (crm.summariser.schedule !== 'NEVER') await scheduleDigest(deps, account);
}
