import type { AccountDoc } from '../../db/models/index.js';
import type { BotDeps } from '../../deps.js';
import type { SettingsTarget } from '../settings.js';
import { INTERNAL_CHANNEL_KEYS, requestInternalChannelSync } from './internal-channels.js';

const touches = (changed: readonly string[], keys: readonly string[]) =>
  changed.some((key) => keys.includes(key));

/**
 * What a settings write starts for accounts: a sweep for internal channels when
 * `crm.internal_channels.*` changed at the workspace or an account (channel-level values do not
 * apply to accounts).
 */
export async function crmSettingsWritten(
  deps: BotDeps,
  target: SettingsTarget,
  changed: readonly string[],
): Promise<void> {
  if (target.level === 'channel') return;
  if (touches(changed, INTERNAL_CHANNEL_KEYS))
    await requestInternalChannelSync(deps, target.teamId);
}

/** What a new account starts: its internal channel when `auto_sync` is on for it. */
export async function accountCreated(deps: BotDeps, account: AccountDoc): Promise<void> {
  const { crm } = await deps.settings.forAccount(account);
  if (crm.internal_channels.auto_sync) await requestInternalChannelSync(deps, account.teamId);
}
