import type { Connection } from 'mongoose';
import { Env, parseEnv } from '../../src/env.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startBot, type RunningBot } from '../../src/runtime.js';
import { createApiToken } from '../../src/db/repositories/api-tokens.js';
import type { Clock } from '../../src/clock.js';
import { VirtualClock } from './clock.js';
import { DueJobs } from './due-jobs.js';
import { testDatabase, type TestDatabase } from './db.js';
import { SlackDriver } from './slack/driver.js';
import { SlackSimulator } from './slack/simulator.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface TestBot {
  bot: RunningBot;
  sim: SlackSimulator;
  driver: SlackDriver;
  /** A raw connection to the bot's database, for reading back what was stored. */
  db: Connection;
  teamId: string;
  /** An API token of the bot's workspace. */
  token: string;
  api(method: string, path: string, body?: unknown, token?: string | null): Promise<ApiResponse>;
  /** The test database (pass it to a second bot to share it). */
  database: TestDatabase;
  /**
   * Waits until Agenda has run every job due by the bot's clock; returns how many this bot ran
   * since the last call (a job another bot on the database ran counts there).
   */
  runDue(): Promise<number>;
  /** Moves the VirtualClock forward and waits until Agenda has run what fell due. */
  advance(minutes: number): Promise<number>;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  teamId?: string;
  env?: Record<string, string>;
  /**
   * A VirtualClock: `Date` shows it while the bot runs, so Agenda's jobs fall due only when the
   * test moves it (`advance`).
   */
  clock?: Clock;
  /** Share a simulator with another bot (two instances, or a restart). */
  sim?: SlackSimulator;
  /** Share a database with another bot; the first owner drops it. */
  database?: TestDatabase;
  /** The bot's logger (a test reading the log passes one writing to memory). */
  logger?: Logger;
}

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  text: string;
}

/**
 * The real bot over HTTP on a free port, its Web API pointed at a fresh Slack simulator, on a
 * database of its own in the run's MongoDB-protocol server.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const teamId = options.teamId ?? 'T0SIM';
  const ownSim = !options.sim;
  const sim = options.sim ?? (await SlackSimulator.start({ teamId }));
  const ownDatabase = !options.database;
  const database = options.database ?? (await testDatabase());
  const env = parseEnv(
    {
      SLACK_BOT_TOKEN: sim.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: sim.url,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // The webhook worker's background drain is no write of the test's: a test of webhooks
      // sets its own poll (test/e2e/webhooks/world.ts).
      WEBHOOK_POLL_MS: '60000',
      ...options.env,
    },
    Env,
  );
  const { clock } = options;
  if (clock && !(clock instanceof VirtualClock))
    throw new Error('a test bot runs on a VirtualClock');
  const releaseDate = clock?.driveDate();
  const bot = await startBot({
    env,
    mongoUri: database.uri,
    logger: options.logger ?? createLogger(env.LOG_LEVEL),
    clock,
    port: 0,
    scheduler: clock ? 'virtual-clock' : 'agenda',
  });
  const dueJobs = new DueJobs(bot.agenda);
  await bot.deps.models.workspaces.updateOne(
    { _id: teamId },
    { $set: { name: 'Simulated Inc' } },
    { upsert: true },
  );
  const token = await createApiToken(bot.deps.models, teamId, 'U0ADMIN');
  const driver = settledDriver(bot, ackingDriver(bot.url, teamId, sim));
  const api = async (method: string, path: string, body?: unknown, auth: string | null = token) => {
    const response = await fetch(`${bot.url}${path}`, {
      method,
      headers: {
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: parseJson(text), text };
  };
  return {
    bot,
    sim,
    driver,
    db: database.connection,
    teamId,
    token,
    api,
    database,
    runDue: () => dueJobs.settle(),
    advance: async (minutes: number) => {
      if (!clock) throw new Error('advance needs a VirtualClock');
      clock.advanceMinutes(minutes);
      return dueJobs.settle();
    },
    stop: async () => {
      await bot.stop();
      releaseDate?.();
      if (ownSim) await sim.close();
      if (ownDatabase) await database.drop();
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A driver whose event deliveries return once the bot has processed them: the bot acknowledges
 * an event as soon as it is stored and works on it after, and tests assert on the outcome.
 */
/**
 * A driver for the bot at `appUrl` (acting for `teamId`) whose deliveries return on the ack, as
 * Slack's do; the bot processes events after acknowledging them.
 */
export function ackingDriver(appUrl: string, teamId: string, sim: SlackSimulator): SlackDriver {
  return new SlackDriver({
    appUrl,
    signingSecret: SIGNING_SECRET,
    teamId,
    apiAppId: sim.appId,
    sim,
  });
}

/** `driver`, waiting after each delivery until the bot has processed what it acknowledged. */
function settledDriver(bot: RunningBot, driver: SlackDriver): SlackDriver {
  // Every delivery (events, commands, actions, raw) goes through `send`.
  const send = driver.send.bind(driver);
  driver.send = async (...args: Parameters<SlackDriver['send']>) => {
    const response = await send(...args);
    await bot.inbox.idle();
    return response;
  };
  return driver;
}
