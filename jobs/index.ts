import type { JobDefinition } from '../src/scheduler/timers.js';
import { closureSlaJob } from './closure-sla.js';
import { responseSlaJob } from './response-sla.js';
import { autoCloseJob } from './auto-close.js';
import { catchUpJob } from './catch-up.js';
import { closeNudgeJob } from './close-nudge.js';
import { housekeepingJob } from './housekeeping.js';
import { triageCleanupJob } from './triage-cleanup.js';
import { emailDnsJob } from './email-dns.js';
import { kbCrawlJob } from './kb-crawl.js';
import { internalChannelsJob } from './internal-channels.js';
import { accountDigestJob, accountDigestRetryJob } from './account-digest.js';
import { salesforcePollJob } from './salesforce-poll.js';

/**
 * Every job kind the bot schedules; each file in this folder exports one definition
 * (its name, its data schema, its handler) and is listed here.
 */
export const JOBS: readonly JobDefinition[] = [
  responseSlaJob,
  closureSlaJob,
  closeNudgeJob,
  autoCloseJob,
  triageCleanupJob,
  housekeepingJob,
  catchUpJob,
  emailDnsJob,
  kbCrawlJob,
  internalChannelsJob,
  accountDigestJob,
  accountDigestRetryJob,
  salesforcePollJob,
];
