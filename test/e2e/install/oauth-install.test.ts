import { jest } from '@jest/globals';
import { MongoInstallationStore } from '../../../src/slack/installation-store.js';
import { startTestBot, type TestBot } from '../../support/bot.js';
import {
  CLIENT_ID,
  STATE_SECRET,
  finishInstall,
  install,
  manifestBotScopes,
  oauthEnv,
  signedState,
  startInstall,
} from './flow.js';
import { SlackFront, type Grant } from './oauth-slack.js';

describe('installing the app in a workspace with OAuth (HTTP mode)', () => {
  let front: SlackFront;
  let t: TestBot;
  let grant: Grant;
  const fetchInstallation = jest.spyOn(MongoInstallationStore.prototype, 'fetchInstallation');

  beforeAll(async () => {
    front = await SlackFront.start(CLIENT_ID, 'test-client-secret');
    t = await startTestBot({ env: oauthEnv(front) });
    front.upstream = t.sim.url;
    // Slack hands out the simulator's token, the only one it accepts.
    grant = {
      teamId: t.teamId,
      teamName: 'Acme Support',
      botToken: t.sim.botToken,
      botUserId: t.sim.botUserId,
      appId: t.sim.appId,
      scopes: manifestBotScopes(),
      installerUserId: 'U0ADMIN',
    };
    t.sim.addChannel({ id: 'C0ACME', name: 'ext-acme', is_ext_shared: true });
  });
  afterAll(async () => {
    fetchInstallation.mockRestore();
    await t.stop();
    await front.close();
  });

  const workspace = () => t.bot.deps.models.workspaces.findById(t.teamId).lean();

  it('acts for no workspace before it is installed', async () => {
    const res = await t.api('POST', '/api/v1/accounts', { name: 'Early', channels: ['C0ACME'] });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/not installed/);

    fetchInstallation.mockClear();
    await t.driver.appHomeOpened('U0ADMIN');
    expect(fetchInstallation).toHaveBeenCalledTimes(1);
    await expect(fetchInstallation.mock.results[0]?.value).rejects.toThrow(/no installation/);
    expect(front.calls.filter((call) => call.method !== 'oauth.v2.access')).toEqual([]);
  });

  it('sends /slack/install straight to Slack with the client id, the bot scopes and a state', async () => {
    const started = await startInstall(t.bot.url);
    expect(started.status).toBe(302);
    expect(`${started.location.origin}${started.location.pathname}`).toBe(
      'https://slack.com/oauth/v2/authorize',
    );
    expect(started.location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(started.location.searchParams.get('scope')?.split(',')).toEqual(manifestBotScopes());
    expect(started.state).not.toBe('');
    // The state is tied to this browser by a cookie the callback checks.
    expect(started.cookie).toBe(`slack-app-oauth-state=${started.state}`);
  });

  it.each([
    ['has expired', async () => ({ state: signedState(STATE_SECRET, 11 * 60), sameCookie: true })],
    [
      'was not signed by the app',
      async () => ({ state: signedState('x'.repeat(16), 0), sameCookie: true }),
    ],
    [
      'belongs to another browser',
      async () => ({ ...(await startInstall(t.bot.url)), sameCookie: false }),
    ],
  ])('shows a failure page and stores nothing when the state %s', async (_name, make) => {
    const { state, sameCookie } = await make();
    front.grant('code-stale', grant);
    const cookie = sameCookie ? `slack-app-oauth-state=${state}` : undefined;
    const res = await finishInstall(t.bot.url, 'code-stale', state, cookie);
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/Something Went Wrong/);
    expect(front.callsOf('oauth.v2.access')).toEqual([]);
    expect((await workspace())?.installation).toBeUndefined();
  });

  it('exchanges the code, stores the installation and keeps the workspace settings', async () => {
    const patch = await t.api('PATCH', '/api/v1/workspace/settings', {
      update: { requests: { config: { send_feedback: true } } },
    });
    expect(patch.status).toBe(200);

    const res = await install(t.bot.url, front, 'code-1', grant);
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/Thank you!/);

    const [exchange] = front.callsOf('oauth.v2.access');
    expect(exchange?.params).toMatchObject({ code: 'code-1', client_id: CLIENT_ID });
    expect(front.callsOf('auth.test').map((call) => call.authorization)).toEqual([
      `Bearer ${t.sim.botToken}`,
    ]);
    const stored = await workspace();
    expect(stored).toMatchObject({
      _id: t.teamId,
      name: 'Acme Support',
      botUserId: t.sim.botUserId,
      isEnterpriseInstall: false,
      installation: {
        team: { id: t.teamId, name: 'Acme Support' },
        bot: { token: t.sim.botToken, userId: t.sim.botUserId, id: t.sim.botId },
        appId: t.sim.appId,
        isEnterpriseInstall: false,
        authVersion: 'v2',
      },
    });
    expect(stored?.installation?.bot).toMatchObject({ scopes: manifestBotScopes() });
    const settings = await t.api('GET', '/api/v1/workspace/settings');
    expect(settings.body.data.features.requests.config.send_feedback).toBe(true);
  });

  it('authorizes events and API calls of that workspace with its installed token', async () => {
    fetchInstallation.mockClear();
    front.calls.length = 0;
    const event = await t.driver.appHomeOpened('U0ADMIN');
    expect(event.status).toBe(200);
    expect(fetchInstallation).toHaveBeenCalledWith(
      expect.objectContaining({ teamId: t.teamId, isEnterpriseInstall: false }),
      expect.anything(),
    );
    await expect(fetchInstallation.mock.results[0]?.value).resolves.toMatchObject({
      bot: { token: t.sim.botToken },
    });

    const res = await t.api('POST', '/api/v1/accounts', { name: 'Acme', channels: ['C0ACME'] });
    expect(res.status).toBe(201);
    const lookups = front.callsOf('conversations.info');
    expect(lookups.length).toBeGreaterThan(0);
    // Whatever the bot called, for the event or the API, it called with the installed token.
    expect(new Set(front.calls.map((call) => call.authorization))).toEqual(
      new Set([`Bearer ${t.sim.botToken}`]),
    );
  });

  it('overwrites the installation when the app is installed again', async () => {
    const res = await install(t.bot.url, front, 'code-2', { ...grant, teamName: 'Acme Global' });
    expect(res.status).toBe(200);
    expect(await t.bot.deps.models.workspaces.countDocuments()).toBe(1);
    expect(await workspace()).toMatchObject({
      name: 'Acme Global',
      installation: { team: { name: 'Acme Global' } },
    });
  });

  it('keeps the settings and stops acting when Slack says the app was uninstalled', async () => {
    const res = await t.driver.event({ type: 'app_uninstalled' });
    expect(res.status).toBe(200);
    await t.bot.inbox.idle();
    const stored = await workspace();
    expect(stored?.installation).toBeUndefined();
    expect(stored?.botUserId).toBeUndefined();
    expect(stored?.name).toBe('Acme Global');
    const settings = await t.api('GET', '/api/v1/workspace/settings');
    expect(settings.body.data.features.requests.config.send_feedback).toBe(true);
    const later = await t.api('POST', '/api/v1/accounts', { name: 'Later', channels: [] });
    expect(later.status).toBe(403);
    expect(later.body.message).toMatch(/not installed/);
  });

  it('forgets the bot token when Slack says it was revoked, and works again once reinstalled', async () => {
    expect((await install(t.bot.url, front, 'code-3', grant)).status).toBe(200);
    expect(await workspace()).toMatchObject({ installation: { bot: { token: t.sim.botToken } } });
    const res = await t.driver.event({
      type: 'tokens_revoked',
      tokens: { bot: [t.sim.botUserId] },
    });
    expect(res.status).toBe(200);
    await t.bot.inbox.idle();
    expect((await workspace())?.installation).toBeUndefined();
    expect((await t.api('POST', '/api/v1/accounts', { name: 'Gone', channels: [] })).status).toBe(
      403,
    );

    expect((await install(t.bot.url, front, 'code-4', grant)).status).toBe(200);
    const back = await t.api('POST', '/api/v1/accounts', { name: 'Back', channels: [] });
    expect(back.status).toBe(201);
  });
});
