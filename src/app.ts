import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import type { BotDeps } from './deps.js';
import { apiRouter } from './http/router.js';
import { slackLogger } from './slack/client.js';
import { registerListeners } from './slack/listeners/index.js';

/**
 * Assembles the Bolt app and the HTTP API on one Express app. HTTP mode serves
 * `/slack/events` from the same server; Socket Mode talks to Slack over a WebSocket and the
 * Express app serves only the API.
 */
export function createApp(deps: BotDeps, schedulerState: () => 'running' | 'stopped' | 'disabled') {
  const { env } = deps;
  const web = express();
  web.disable('x-powered-by');
  const logger = slackLogger(deps.logger);
  const clientOptions = { slackApiUrl: env.SLACK_API_URL };
  const receiver = env.SLACK_APP_TOKEN
    ? undefined
    : new ExpressReceiver({
        signingSecret: env.SLACK_SIGNING_SECRET as string,
        app: web,
        logger,
        processBeforeResponse: true,
      });
  const app = new App({
    token: env.SLACK_BOT_TOKEN,
    logger,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: env.SLACK_APP_TOKEN }),
  });
  registerListeners(app, deps);
  web.use(apiRouter({ ...deps, schedulerState }));
  return { app, web, receiver };
}
