import type { BotDeps } from '../src/deps.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { verifyAllDomains } from '../src/services/email/dns.js';

export const EMAIL_DNS_CHECK = 'email-dns-check';

/**
 * Daily DNS check of every registered e-mail domain (issue 15): records found, gone or changed
 * show in the domains' `valid`, `cached` and `state`. Recurring, started with
 * `agenda.every('1 day', EMAIL_DNS_CHECK, { key: EMAIL_DNS_CHECK })` once Agenda runs.
 */
export const emailDnsJob: JobDefinition = {
  name: EMAIL_DNS_CHECK,
  data: TimerData,
  handle: async (deps: BotDeps) => {
    deps.logger.info({ workspaces: await verifyAllDomains(deps) }, 'e-mail DNS check');
  },
};
