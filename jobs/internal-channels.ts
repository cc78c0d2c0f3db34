import { INTERNAL_CHANNELS_SYNC } from '../src/accounts/jobs.js';
import type { BotDeps } from '../src/deps.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { syncInternalChannels } from '../src/services/crm/internal-channels.js';

/**
 * Gives a workspace's accounts their internal channels (`crm.internal_channels`); `key` is the
 * workspace. Asked for when an account is made and when the settings change.
 */
export const internalChannelsJob: JobDefinition = {
  name: INTERNAL_CHANNELS_SYNC,
  data: TimerData,
  handle: async (deps: BotDeps, { key }) => {
    const linked = await syncInternalChannels(deps, key);
    if (linked > 0) deps.logger.info({ teamId: key, linked }, 'internal channels linked');
  },
};
