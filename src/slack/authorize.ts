import type { Authorize, ExpressReceiverOptions } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { WebClient } from '@slack/web-api';
import type { Router } from 'express';
import { BOT_SCOPES } from '../constants.js';
import type { Env } from '../env.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createWebClient, slackLogger, webClientOptions } from './client.js';
import type { MongoInstallationStore } from './installation-store.js';

/** The OAuth app credentials when the bot runs as a multi-workspace app (env checks all three). */
export function oauthCredentials(env: Env) {
  const clientId = env.SLACK_CLIENT_ID;
  const clientSecret = env.SLACK_CLIENT_SECRET;
  const stateSecret = env.SLACK_STATE_SECRET;
  return clientId && clientSecret && stateSecret
    ? { clientId, clientSecret, stateSecret }
    : undefined;
}

/**
 * `ExpressReceiver` options that serve the OAuth install flow in HTTP mode: `GET /slack/install`
 * redirects straight to Slack's consent page, `/slack/oauth_redirect` exchanges the code on
 * `SLACK_API_URL` and stores the installation. Empty without OAuth credentials.
 */
export function oauthReceiverOptions(
  env: Env,
  installationStore: MongoInstallationStore,
  logger: Logger,
): Partial<ExpressReceiverOptions> {
  const credentials = oauthCredentials(env);
  if (!credentials) return {};
  return {
    ...credentials,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      directInstall: true,
      clientOptions: webClientOptions(env.SLACK_API_URL, logger),
    },
  };
}

/**
 * The same install flow for Socket Mode, on the Express app that serves the API. Bolt's
 * `SocketModeReceiver` would open a second HTTP server of its own for it (on the same port, or
 * another one whose address the process could not report), so the routes are mounted here and
 * Bolt gets the installer's `authorize`. Undefined without OAuth credentials.
 */
export function mountInstallRoutes(
  web: Router,
  env: Env,
  installationStore: MongoInstallationStore,
  logger: Logger,
): Authorize<boolean> | undefined {
  const credentials = oauthCredentials(env);
  if (!credentials) return undefined;
  const installer = new InstallProvider({
    ...credentials,
    installationStore,
    directInstall: true,
    authVersion: 'v2',
    logger: slackLogger(logger),
    clientOptions: webClientOptions(env.SLACK_API_URL, logger),
  });
  const installUrlOptions = { scopes: [...BOT_SCOPES] };
  web.get('/slack/install', async (req, res) => {
    try {
      await installer.handleInstallPath(req, res, undefined, installUrlOptions);
    } catch (error) {
      // As Bolt's receivers answer: a bare 500, the reason in the log only.
      logger.error({ err: error }, 'OAuth install path failed');
      if (!res.headersSent) res.status(500).end();
    }
  });
  web.get('/slack/oauth_redirect', async (req, res) => {
    await installer.handleCallback(req, res);
  });
  return installer.authorize;
}

/**
 * Bolt's `authorize` for the single-workspace `SLACK_BOT_TOKEN`. Bolt's own `token` option runs
 * `auth.test` at construction and leaves its rejection unhandled when Slack cannot be reached,
 * which ends the process; here the same early lookup is asked again on the next event instead.
 */
export function singleWorkspaceAuthorize(client: WebClient): Authorize<boolean> {
  const botToken = client.token as string;
  const lookup = () =>
    client.auth.test().then(
      (auth) => ({ botId: auth.bot_id, botUserId: auth.user_id }),
      (error: unknown) => {
        identity = undefined;
        throw error;
      },
    );
  let identity: ReturnType<typeof lookup> | undefined = lookup();
  identity.catch(() => {}); // failures surface on the event that needs the identity
  return async ({ isEnterpriseInstall }) => {
    identity ??= lookup();
    return { botToken, isEnterpriseInstall, ...(await identity) };
  };
}

/**
 * `slackFor(teamId)`: a Web API client with the bot token of the team's installation (or its
 * Enterprise Grid org's), one client per team, replaced when a re-install changes the token. The
 * installation is read on each call so several instances sharing a database agree. Otherwise the
 * single-workspace `SLACK_BOT_TOKEN` client: for any team without OAuth, and with OAuth only for
 * the team that token belongs to.
 */
export function workspaceClients(
  env: Env,
  installationStore: MongoInstallationStore,
  logger: Logger,
): (teamId: string) => Promise<WebClient> {
  const single = env.SLACK_BOT_TOKEN
    ? createWebClient(env.SLACK_BOT_TOKEN, env.SLACK_API_URL, logger)
    : undefined;
  if (!oauthCredentials(env)) {
    return async (teamId) => single ?? notInstalled(teamId);
  }
  let singleTeam: Promise<string | undefined> | undefined;
  const clients = new Map<string, WebClient>();
  return async (teamId) => {
    const token = await installationStore.botToken(teamId);
    if (token === undefined) {
      singleTeam ??= single?.auth.test().then(
        (auth) => auth.team_id,
        () => (singleTeam = undefined), // asked again next time
      );
      if (single && (await singleTeam) === teamId) return single;
      return notInstalled(teamId);
    }
    let client = clients.get(teamId);
    if (client?.token !== token) {
      client = createWebClient(token, env.SLACK_API_URL, logger);
      clients.set(teamId, client);
    }
    return client;
  };
}

function notInstalled(teamId: string): never {
  throw new AppError('workspace_not_installed', `the app is not installed in workspace ${teamId}`);
}
