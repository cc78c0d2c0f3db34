import type { BotDeps } from '../src/deps.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { pollSalesforce } from '../src/services/connectors/case-sync.js';

export const SALESFORCE_POLL = 'salesforce-poll';

/**
 * Case changes made in Salesforce back to Slack (issue 14): each Salesforce connector polled
 * for changed Cases and new CaseComments since its stored cursor, under a lease. Recurring,
 * started with `agenda.every('1 minute', SALESFORCE_POLL, { key: SALESFORCE_POLL })`.
 */
export const salesforcePollJob: JobDefinition = {
  name: SALESFORCE_POLL,
  data: TimerData,
  handle: async (deps: BotDeps) => {
    const { polled, failed } = await pollSalesforce(deps);
    if (polled + failed > 0) deps.logger.debug({ polled, failed }, 'Salesforce poll');
  },
};
