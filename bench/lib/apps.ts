import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { App, ExpressReceiver } from '@slack/bolt';
import { withDatabase } from '../../src/db/connection.js';
import { Env, parseEnv } from '../../src/env.js';
import { createLogger } from '../../src/logger.js';
import { startBot, type RunningBot } from '../../src/runtime.js';
import { createApiToken } from '../../src/db/repositories/api-tokens.js';
import { slackLogger } from '../../src/slack/client.js';
import type { SeedResult, SlackSide } from './slack-side-client.js';

export const SIGNING_SECRET = 'bench-signing-secret';
export const BOT_DATABASE = 'bench_bot';
/** The workload: customers of 20 Slack Connect channels, each channel linked to #triage. */
export const SEED = { channels: 20, customersPerChannel: 5, agents: 3 };

/** What `drain` found: the bot's own state, not a guess from the clock. */
export interface Drained {
  /** True when every stored event was processed within the cap. */
  clean: boolean;
  /** Events stored but unprocessed at the cap, then discarded so the next step starts clean. */
  discarded: number;
  waitedMs: number;
}

export interface Apps {
  bot: RunningBot;
  bareUrl: string;
  seed: SeedResult;
  /** One call to the bot's HTTP API with an administrator's token; throws unless 2xx. */
  api(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Empties requests, event markers and one-off timers, so each measurement starts alike. */
  resetBot(): Promise<void>;
  /**
   * Waits (at most `capMs`) until the bot has finished every event it took: none waiting or
   * running in its inbox, none stored unprocessed (a slow ack the load generator gave up on is
   * still stored and worked on). Whatever is left at the cap is discarded (see `Drained`), and
   * so is, at once, a backlog that the bot's pace so far shows it cannot finish by then.
   */
  drain(capMs: number): Promise<Drained>;
  stop(): Promise<void>;
}

/**
 * The full bot (`startBot`, real scheduler, Web API at the simulator) and the baseline: a bare
 * Bolt app on the same receiver (`ExpressReceiver`, same signing secret, `processBeforeResponse`
 * as the bot sets it) whose only listener acks `message` events.
 */
export async function startApps(mongoUri: string, side: SlackSide): Promise<Apps> {
  const { info } = side;
  const seed = await side.call({ cmd: 'seed', args: SEED });
  const env = parseEnv(
    {
      SLACK_BOT_TOKEN: info.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: info.url,
      LOG_LEVEL: 'silent',
      // (8) subscribes webhooks to a receiver on loopback.
      WEBHOOK_ALLOW_PRIVATE: 'true',
      SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    },
    Env,
  );
  const bot = await startBot({
    env,
    mongoUri: withDatabase(mongoUri, BOT_DATABASE, true),
    logger: createLogger('silent'),
    port: 0,
    scheduler: 'agenda',
  });
  const token = await createApiToken(bot.deps.models, info.teamId, 'bench');
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${bot.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  for (const [i, channel] of seed.channels.entries()) {
    await api('POST', '/api/v1/accounts', { name: `Customer ${i}`, channels: [channel] });
    await api('PUT', `/api/v1/channels/${channel}`, { triage_channel_id: seed.triage });
  }
  // Every customer message opens a request (the heaviest path): no grouping into the last one.
  await api('PATCH', '/api/v1/workspace/settings', {
    update: { requests: { config: { conversation_grouping_window: 0 } } },
  });

  const receiver = new ExpressReceiver({
    signingSecret: SIGNING_SECRET,
    processBeforeResponse: true,
    logger: slackLogger(createLogger('silent')),
  });
  const bare = new App({
    receiver,
    authorize: async () => ({
      botToken: info.botToken,
      botUserId: info.botUserId,
      botId: info.botId,
    }),
    logger: slackLogger(createLogger('silent')),
  });
  bare.event('message', async () => {});
  const server = (await receiver.start(0)) as Server;
  const barePort = (server.address() as AddressInfo).port;

  return {
    bot,
    bareUrl: `http://127.0.0.1:${barePort}`,
    seed,
    api,
    resetBot: async () => {
      const { models, db } = bot.deps;
      await models.requests.deleteMany({});
      await models.slackEvents.deleteMany({});
      await db.collection('agendaJobs').deleteMany({ repeatInterval: null });
    },
    drain: async (capMs: number) => {
      const start = Date.now();
      const deadline = start + capMs;
      const events = bot.deps.models.slackEvents;
      const idle = () =>
        Promise.race([bot.inbox.idle().then(() => true), sleep(0).then(() => false)]);
      const unprocessed = () => events.countDocuments({ state: 'processing' });
      let quiet = 0;
      let first: { at: number; left: number } | undefined;
      for (;;) {
        // Done = the inbox's queue is empty and nothing stored is unprocessed, twice in a row
        // 100 ms apart (an ack the client gave up on may still be on its way to the store).
        const left = await unprocessed();
        quiet = left === 0 && (await idle()) ? quiet + 1 : 0;
        if (quiet >= 2) return { clean: true, discarded: 0, waitedMs: Date.now() - start };
        const now = Date.now();
        if (now > deadline) break;
        // A backlog that the bot's pace so far cannot finish by the cap is not waited for.
        first ??= { at: now, left };
        const pace = (first.left - left) / (now - first.at);
        if (now - first.at > 3_000 && left > pace * (deadline - now)) break;
        await Promise.race([bot.inbox.idle(), sleep(quiet ? 100 : 250)]);
      }
      // Past the cap (or bound to be): drop what waits (the inbox's graceful stop empties its queue and lets the
      // events in progress finish; it keeps taking new ones), then the stored leftovers, which
      // recovery would otherwise run again in the middle of the next step.
      await bot.inbox.close();
      const left = await events.deleteMany({ state: 'processing' });
      return { clean: false, discarded: left.deletedCount, waitedMs: Date.now() - start };
    },
    stop: async () => {
      await receiver.stop();
      await bot.stop();
    },
  };
}
