import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Agenda, Job } from 'agenda';
import { CATCH_UP } from '../jobs/catch-up.js';
import { HOUSEKEEPING } from '../jobs/housekeeping.js';
import { EMAIL_DNS_CHECK } from '../jobs/email-dns.js';
import { crmSettingsWritten } from './services/crm/settings-hooks.js';
import { KB_CRAWL } from '../jobs/kb-crawl.js';
import { SALESFORCE_POLL } from '../jobs/salesforce-poll.js';
import { JOBS } from '../jobs/index.js';
import {
  AGENDA_SETTINGS,
  createAgenda,
  VIRTUAL_CLOCK_POLL_MS,
} from './scheduler/agenda-settings.js';
import { Timers } from './scheduler/timers.js';
import { EventInbox } from './slack/event-inbox.js';
import type { Db } from 'mongodb';
import { createApp } from './app.js';
import { systemClock, type Clock } from './clock.js';
import { connect } from './db/connection.js';
import { watchDatabase } from './db/reachability.js';
import { createModels, syncIndexes } from './db/models/index.js';
import type { BotDeps } from './deps.js';
import type { Env } from './env.js';
import type { Logger } from './logger.js';
import { REQUEST_HOOKS } from './services/requests/registry.js';
import { startWebhookWorker } from './services/webhooks/worker.js';
import { startConnectorWorker } from './services/connectors/worker.js';
import { startEmailWorker } from './services/email/worker.js';
import { SettingsService } from './services/settings.js';
import { KbSearch } from './services/kb/search.js';
import { workspaceClients } from './slack/authorize.js';
import { workspaceGateways } from './slack/gateway.js';
import { MongoInstallationStore } from './slack/installation-store.js';
import { connectSocketMode } from './slack/socket-mode.js';
import { startSmtp } from './smtp/listener.js';

/** How often interrupted Slack events are looked for and run again. */
const RECOVERY_EVERY_MS = 30_000;

export interface RunningBot {
  url: string;
  port: number;
  deps: BotDeps;
  agenda: Agenda;
  /** Stored Slack events waiting for or under processing. */
  inbox: EventInbox;
  /** The inbound SMTP port, when `SMTP_PORT` is set. */
  smtpPort?: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Env;
  mongoUri: string;
  logger: Logger;
  clock?: Clock;
  /** Overrides env.PORT (tests pass 0 for a free port). */
  port?: number;
  /**
   * `agenda` (default): Agenda polls every `AGENDA_SETTINGS.processEvery` and the recurring jobs
   * (housekeeping, catch-up) start. `virtual-clock`: Agenda polls every `VIRTUAL_CLOCK_POLL_MS`
   * and no recurring job starts, so jobs fall due only when a test moves its clock (which tests
   * make the process's `Date`, the time Agenda reads).
   */
  scheduler?: 'agenda' | 'virtual-clock';
}

/** Connects to the database, starts the scheduler and serves Slack and the API on one port. */
export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { env, logger } = options;
  const db = await connect(options.mongoUri);
  const stopWatchingDatabase = watchDatabase(db, options.mongoUri, logger);
  const models = createModels(db);
  await syncIndexes(models);
  const virtualClock = options.scheduler === 'virtual-clock';
  const agenda = createAgenda(
    db.db as unknown as Db,
    virtualClock ? VIRTUAL_CLOCK_POLL_MS : AGENDA_SETTINGS.processEvery,
  );
  const timers = new Timers(agenda, db, JOBS, () => deps);
  const deps: BotDeps = {
    env,
    db,
    models,
    settings: new SettingsService(models, env.SETTINGS_ENCRYPTION_KEY),
    clock: options.clock ?? systemClock,
    logger,
    slack: workspaceGateways(
      workspaceClients(env, new MongoInstallationStore(models.workspaces), logger),
      logger,
    ),
    timers,
    requestHooks: REQUEST_HOOKS,
    // Embeddings re-ranking is chosen per request (`services/kb/suggest.ts`: AI assist on).
    kb: new KbSearch(models),
  };
  await timers.ensureIndexes();
  timers.define();
  deps.settings.onWrite((target, changed) => crmSettingsWritten(deps, target, changed));
  // Scheduler-level failures (a lost database while locking jobs, …), and failed jobs.
  agenda.on('error', (error: unknown) => logger.error({ err: error }, 'scheduler error'));
  agenda.on('fail', (error: unknown, job: Job) =>
    logger.error(
      {
        err: error,
        job: job.attrs.name,
        key: (job.attrs.data as { key?: string } | undefined)?.key,
      },
      'job failed',
    ),
  );
  await agenda.start();
  if (!virtualClock) {
    await agenda.every('1 hour', HOUSEKEEPING, { key: HOUSEKEEPING });
    await agenda.every('1 minute', CATCH_UP, { key: CATCH_UP });
    await agenda.every('1 day', EMAIL_DNS_CHECK, { key: EMAIL_DNS_CHECK });
    await agenda.every('1 day', KB_CRAWL, { key: KB_CRAWL });
    await agenda.every('1 minute', SALESFORCE_POLL, { key: SALESFORCE_POLL });
  }
  let schedulerRunning = true;
  const stopWebhooks = startWebhookWorker(deps);
  const stopConnectors = startConnectorWorker(deps);
  const stopEmail = env.SMTP_RELAY_URL ? startEmailWorker(deps) : async () => {};

  const inbox = new EventInbox(deps);
  const { app, web, receiver } = createApp(
    deps,
    () => (schedulerRunning ? 'running' : 'stopped'),
    inbox,
  );
  // Events whose processing was interrupted (crash, failure) run again from their stored payload.
  const recovery = setInterval(() => {
    inbox.recover().catch((error: unknown) => logger.warn({ err: error }, 'event recovery failed'));
  }, RECOVERY_EVERY_MS);
  recovery.unref();
  const port = options.port ?? env.PORT;
  let server: Server;
  let socket: { stop(): Promise<void> } | undefined;
  if (receiver) {
    server = (await receiver.start(port)) as Server;
  } else {
    server = await new Promise<Server>((resolve, reject) => {
      const listening = web.listen(port, () => resolve(listening)).once('error', reject);
    });
    socket = connectSocketMode(app, logger);
  }
  const actualPort = (server.address() as AddressInfo).port;
  logger.info({ port: actualPort, mode: receiver ? 'http' : 'socket' }, 'triage bot listening');
  const smtp = env.SMTP_PORT === undefined ? undefined : await startSmtp(deps, env.SMTP_PORT);

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    deps,
    agenda,
    inbox,
    ...(smtp ? { smtpPort: smtp.port } : {}),
    stop: async () => {
      clearInterval(recovery);
      await smtp?.stop();
      if (receiver) await receiver.stop();
      else {
        await socket?.stop();
        await new Promise((resolve) => server.close(resolve));
      }
      // Events being processed finish before the database goes; waiting ones are recovered.
      await inbox.close();
      schedulerRunning = false;
      await stopWebhooks();
      await stopConnectors();
      await stopEmail();
      stopWatchingDatabase();
      await agenda.stop();
      await db.close();
    },
  };
}
