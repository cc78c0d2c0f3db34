import type { BotDeps } from '../src/deps.js';
import { TimerData, type JobDefinition } from '../src/scheduler/timers.js';
import { crawlConfiguredSites } from '../src/services/kb/crawl.js';

export const KB_CRAWL = 'kb-crawl';

/**
 * Daily crawl of every `knowledge_base_url` into its portal's articles (issue 16). Recurring,
 * started with `agenda.every('1 day', KB_CRAWL, { key: KB_CRAWL })` once Agenda runs.
 */
export const kbCrawlJob: JobDefinition = {
  name: KB_CRAWL,
  data: TimerData,
  handle: async (deps: BotDeps) => {
    deps.logger.info({ sites: await crawlConfiguredSites(deps) }, 'kb crawl');
  },
};
