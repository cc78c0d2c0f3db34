import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver } from '@slack/bolt';
import { withDatabase } from '../../src/db/connection.js';
import { Env, parseEnv } from '../../src/env.js';
import { createLogger } from '../../src/logger.js';
import { startBot, type RunningBot } from '../../src/runtime.js';
import { createApiToken } from '../../src/services/tokens.js';
import { slackLogger } from '../../src/slack/client.js';
import type { SeedResult, SlackSide } from './slack-side-client.js';

export const SIGNING_SECRET = 'bench-signing-secret';
export const BOT_DATABASE = 'bench_bot';
/** The workload: customers of 20 Slack Connect channels, each channel linked to #triage. */
export const SEED = { channels: 20, customersPerChannel: 5, agents: 3 };

export interface Apps {
  bot: RunningBot;
  bareUrl: string;
  seed: SeedResult;
  /** Empties requests, event markers and one-off timers, so each measurement starts alike. */
  resetBot(): Promise<void>;
  /**
   * Waits (at most `capMs`) until the bot has finished every event it took: the load generator
   * gives up on a slow ack, but the bot still does the work. Returns how many were unfinished.
   */
  drain(capMs: number): Promise<number>;
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
  const api = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${bot.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
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
    resetBot: async () => {
      const { models, db } = bot.deps;
      await models.requests.deleteMany({});
      await models.slackEvents.deleteMany({});
      await db.collection('agendaJobs').deleteMany({ repeatInterval: null });
    },
    drain: async (capMs: number) => {
      const deadline = Date.now() + capMs;
      for (;;) {
        const busy = await bot.deps.models.slackEvents.countDocuments({ state: 'processing' });
        if (busy === 0 || Date.now() > deadline) return busy;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    stop: async () => {
      await receiver.stop();
      await bot.stop();
    },
  };
}
