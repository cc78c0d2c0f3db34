import { ACCOUNT_DIGEST } from '../src/accounts/jobs.js';
import type { BotDeps } from '../src/deps.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { postDigest } from '../src/services/crm/digest.js';

/**
 * An account's digest in its internal channel (`crm.summariser`); `key` is the account id. The
 * handler schedules the next one, so each run keeps the schedule going.
 */
export const accountDigestJob: JobDefinition = {
  name: ACCOUNT_DIGEST,
  data: TimerData,
  handle: async (deps: BotDeps, { key }) => {
    if (await postDigest(deps, key)) deps.logger.info({ accountId: key }, 'account digest posted');
  },
};
