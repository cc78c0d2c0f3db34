import { startTestBot, type TestBot } from '../../support/bot.js';
import { CLIENT_ID, CLIENT_SECRET, install, manifestBotScopes, oauthEnv } from './flow.js';
import { SlackFront } from './oauth-slack.js';

const APP_TOKEN = 'xapp-1-A1-1-x';

/** Stops the bot, failing the test if that takes longer than `ms`. */
async function stopsWithin(t: TestBot, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`stop() took over ${ms} ms`)), ms);
  });
  try {
    await Promise.race([t.stop(), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('running in Socket Mode', () => {
  it('serves the API on PORT while Slack refuses the app token, and stops', async () => {
    const t = await startTestBot({
      env: { SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' },
    });
    try {
      // The simulator knows no app tokens: apps.connections.open answers invalid_auth.
      const open = await t.sim.waitForCall('apps.connections.open');
      expect(open).toMatchObject({ ok: false, error: 'invalid_auth' });

      const health = await fetch(`${t.bot.url}/healthz`);
      expect(health.status).toBe(200);
      t.sim.addChannel({ id: 'C0SOCKET', name: 'ext-socket' });
      const created = await t.api('POST', '/api/v1/accounts', {
        name: 'Socket Co',
        channels: ['C0SOCKET'],
      });
      expect(created.status).toBe(201);
      expect((await t.api('GET', '/api/v1/accounts')).body).toHaveLength(1);
      // Events arrive over the WebSocket: there is no HTTP endpoint for them.
      expect((await t.driver.appHomeOpened('U0ADMIN')).status).toBe(404);
    } finally {
      await stopsWithin(t, 5_000);
    }
  });

  describe('with OAuth, when the WebSocket cannot be opened', () => {
    let front: SlackFront;
    let t: TestBot;

    beforeAll(async () => {
      front = await SlackFront.start(CLIENT_ID, CLIENT_SECRET);
      t = await startTestBot({
        env: { ...oauthEnv(front), SLACK_APP_TOKEN: APP_TOKEN, SLACK_SIGNING_SECRET: '' },
      });
      front.upstream = t.sim.url;
    });
    afterAll(() => front.close());

    it('asks Slack for a WebSocket URL with the app token and tries it', async () => {
      await t.sim.waitFor(() => front.socketAttempts > 0, { timeoutMs: 5_000 });
      expect(front.callsOf('apps.connections.open')[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
      expect((await fetch(`${t.bot.url}/healthz`)).status).toBe(200);
    });

    it('runs the install flow on the API port and acts with the installed token', async () => {
      const res = await install(t.bot.url, front, 'code-socket', {
        teamId: t.teamId,
        teamName: 'Socket Workspace',
        botToken: t.sim.botToken,
        botUserId: t.sim.botUserId,
        appId: t.sim.appId,
        scopes: manifestBotScopes(),
        installerUserId: 'U0ADMIN',
      });
      expect(res.status).toBe(200);
      expect(await t.bot.deps.models.workspaces.findById(t.teamId).lean()).toMatchObject({
        name: 'Socket Workspace',
        installation: { bot: { token: t.sim.botToken } },
      });

      t.sim.addChannel({ id: 'C0SOCKET', name: 'ext-socket' });
      const created = await t.api('POST', '/api/v1/accounts', {
        name: 'Socket Co',
        channels: ['C0SOCKET'],
      });
      expect(created.status).toBe(201);
      expect(front.callsOf('conversations.info').map((call) => call.authorization)).toEqual([
        `Bearer ${t.sim.botToken}`,
      ]);
    });

    it('stops while it is still trying to connect', async () => {
      await stopsWithin(t, 5_000);
    });
  });
});
