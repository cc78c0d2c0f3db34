import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import type { BotDeps } from './deps.js';
import { apiRouter } from './http/router.js';
import {
  mountInstallRoutes,
  oauthCredentials,
  oauthReceiverOptions,
  singleWorkspaceAuthorize,
} from './slack/authorize.js';
import { createWebClient, slackLogger, webClientOptions } from './slack/client.js';
import { slackErrorHandler } from './slack/error-handler.js';
import { MongoInstallationStore } from './slack/installation-store.js';
import { registerListeners } from './slack/listeners/index.js';
import type { EventInbox } from './slack/event-inbox.js';

/**
 * Assembles the Bolt app and the HTTP API on one Express app. HTTP mode serves
 * `/slack/events` from the same server; Socket Mode talks to Slack over a WebSocket and the
 * Express app serves only the API. With OAuth credentials each event is authorized with its
 * workspace's installation and `/slack/install` runs the install flow (in both modes);
 * otherwise every event acts with `SLACK_BOT_TOKEN`.
 */
export function createApp(
  deps: BotDeps,
  schedulerState: () => 'running' | 'stopped' | 'disabled',
  inbox: EventInbox,
) {
  const { env } = deps;
  const web = express();
  web.disable('x-powered-by');
  if (env.TRUST_PROXY !== undefined) web.set('trust proxy', env.TRUST_PROXY);
  const logger = slackLogger(deps.logger);
  const clientOptions = webClientOptions(env.SLACK_API_URL, deps.logger);
  const installationStore = new MongoInstallationStore(deps.models.workspaces);
  const single =
    oauthCredentials(env) || !env.SLACK_BOT_TOKEN
      ? undefined
      : singleWorkspaceAuthorize(
          createWebClient(env.SLACK_BOT_TOKEN, env.SLACK_API_URL, deps.logger),
        );
  let receiver: ExpressReceiver | undefined;
  let app: App;
  if (env.SLACK_APP_TOKEN) {
    const authorize = mountInstallRoutes(web, env, installationStore, deps.logger) ?? single;
    app = new App({
      socketMode: true,
      appToken: env.SLACK_APP_TOKEN,
      authorize,
      logger,
      clientOptions,
      extendedErrorHandler: true,
    });
  } else {
    receiver = new ExpressReceiver({
      signingSecret: env.SLACK_SIGNING_SECRET as string,
      app: web,
      logger,
      processBeforeResponse: true,
      ...oauthReceiverOptions(env, installationStore, deps.logger),
    });
    app = new App({
      authorize: single,
      receiver,
      logger,
      clientOptions,
      extendedErrorHandler: true,
    });
  }
  app.error(slackErrorHandler(deps));
  app.use(inbox.middleware());
  inbox.attach(app);
  registerListeners(app, deps);
  web.use(apiRouter({ ...deps, schedulerState }));
  return { app, web, receiver };
}
