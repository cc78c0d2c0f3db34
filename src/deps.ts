import type { Connection } from 'mongoose';
import type { Clock } from './clock.js';
import type { MessageDoc, Models, RequestDoc } from './db/models/index.js';
import type { Env } from './env.js';
import type { Logger } from './logger.js';
import type { KbSearch } from './services/kb/search.js';
import type { ChannelContext } from './services/requests/channel-context.js';
import type { SettingsService } from './services/settings.js';
import type { SlackGateway } from './slack/gateway.js';

/** What listeners, routes and jobs are given (STYLE rule 9: dependencies are passed in). */
export interface BotDeps {
  env: Env;
  db: Connection;
  models: Models;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
  /** Slack, acting for a workspace (its installation's bot token), through the one gateway. */
  slack(teamId: string): Promise<SlackGateway>;
  /** Request timers (SLAs, nudges, auto-close, clean-up) on Agenda (`scheduler/timers.ts`). */
  timers: TimerPort;
  /** What features do at a request's moments, in order (`services/requests/registry.ts`). */
  requestHooks: readonly RequestHooks[];
  /** The knowledge base's search (its index cached per instance; `services/kb/search.ts`). */
  kb: KbSearch;
}

/** A pending timer, as `TimerPort.pending()` lists it. */
export interface PendingTimer {
  name: string;
  key: string;
  runAt: Date;
}

/** What the bot's code asks of its timers (`Timers` in `scheduler/timers.ts` does it on Agenda). */
export interface TimerPort {
  /** Schedules (or moves) the pending job of this kind for `key`. */
  schedule(name: string, key: string, runAt: Date, data?: Record<string, unknown>): Promise<void>;
  /** Schedules the job of this kind for `key` unless one is pending already (which stays as is). */
  scheduleIfNone(name: string, key: string, runAt: Date): Promise<void>;
  /** Removes every job of this kind for `key`. */
  cancel(name: string, key: string): Promise<void>;
  /** Removes one-off jobs that finished before `before`; returns how many went. */
  sweepFinished(before: Date): Promise<number>;
  /** Pending jobs, soonest first (for tests and operators). */
  pending(): Promise<PendingTimer[]>;
}

/**
 * What a feature does at the moments of a request's life: SLAs, nudges, auto-close, clean-up,
 * feedback and out-of-office each plug in here (one file each, listed in `REQUEST_HOOKS`), so
 * intake and effects stay the same whatever features exist. Every hook must be idempotent: a
 * Slack redelivery runs `created` again for the same request.
 */
export interface RequestHooks {
  /** The request was just opened (or its opening is being redelivered). */
  created?(deps: BotDeps, ctx: ChannelContext, request: RequestDoc): Promise<void>;
  /** Status or assignee changed. */
  changed?(
    deps: BotDeps,
    ctx: ChannelContext,
    before: RequestDoc,
    after: RequestDoc,
    by: string,
  ): Promise<void>;
  /** An agent replied in the request's thread. */
  agentReplied?(deps: BotDeps, ctx: ChannelContext, request: RequestDoc): Promise<void>;
  /** The customer wrote again (thread reply or grouped message). */
  customerWrote?(deps: BotDeps, ctx: ChannelContext, request: RequestDoc): Promise<void>;
  /**
   * A message was stored in the request's threads (a reply or a private note) and counted on
   * the request (`request`: as read at that moment).
   */
  messageCreated?(
    deps: BotDeps,
    ctx: ChannelContext,
    request: RequestDoc,
    message: MessageDoc,
  ): Promise<void>;
  /**
   * Another attribute changed (priority, labels, severity, categories, custom fields): `after`
   * as stored, `by` who changed it (`rule:…` for a rule).
   */
  updated?(deps: BotDeps, ctx: ChannelContext, after: RequestDoc, by: string): Promise<void>;
}
