import { z } from 'zod';
import { ACCOUNT_DIGEST, ACCOUNT_DIGEST_RETRY } from '../src/accounts/jobs.js';
import type { BotDeps } from '../src/deps.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { postDigest, retryDigest } from '../src/services/crm/digest.js';

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

/** A digest whose post failed, tried again within its period; `key` is `<account id>@<period end>`. */
export const accountDigestRetryJob: JobDefinition<{ key: string; attempt: number }> = {
  name: ACCOUNT_DIGEST_RETRY,
  data: TimerData.extend({ attempt: z.number().int().min(2) }),
  handle: async (deps: BotDeps, { key, attempt }) => {
    if (await retryDigest(deps, key, attempt)) {
      deps.logger.info({ key, attempt }, 'account digest posted on a retry');
    }
  },
};
