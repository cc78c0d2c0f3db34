import type { WebClient } from '@slack/web-api';
import type { Connection } from 'mongoose';
import type { Clock } from './clock.js';
import type { Models } from './db/models/index.js';
import type { Env } from './env.js';
import type { Logger } from './logger.js';
import type { Timers } from './scheduler/timers.js';
import type { RequestHooks } from './services/requests/hooks.js';
import type { SettingsService } from './services/settings.js';

/** What listeners, routes and jobs are given (STYLE rule 9: dependencies are passed in). */
export interface BotDeps {
  env: Env;
  db: Connection;
  models: Models;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
  /** The Web API client acting for a workspace (its installation's bot token). */
  slackFor(teamId: string): Promise<WebClient>;
  /** Request timers (SLAs, nudges, auto-close, clean-up) on Agenda. */
  timers: Timers;
  /** What features do at a request's moments, in order (`services/requests/registry.ts`). */
  requestHooks: readonly RequestHooks[];
}
