import type { Installation } from '@slack/bolt';
import { createModels, syncIndexes, type Models } from '../../../src/db/models/index.js';
import { Env, parseEnv } from '../../../src/env.js';
import { createLogger } from '../../../src/logger.js';
import { workspaceClients } from '../../../src/slack/authorize.js';
import { MongoInstallationStore } from '../../../src/slack/installation-store.js';
import { testDatabase } from '../../support/db.js';
import { SlackSimulator } from '../../support/slack/simulator.js';

const teamInstall = (teamId: string, token: string, enterpriseId?: string): Installation => ({
  team: { id: teamId, name: `Team ${teamId}` },
  enterprise: enterpriseId ? { id: enterpriseId, name: 'Grid' } : undefined,
  user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
  bot: { token, userId: 'U0BOT', id: 'B0BOT', scopes: ['chat:write'] },
  isEnterpriseInstall: false,
  authVersion: 'v2',
  appId: 'A0APP',
  tokenType: 'bot',
});

const orgInstall = (enterpriseId: string, token: string): Installation => ({
  team: undefined,
  enterprise: { id: enterpriseId, name: 'Grid Org' },
  user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
  bot: { token, userId: 'U0ORGBOT', id: 'B0ORGBOT', scopes: ['chat:write'] },
  isEnterpriseInstall: true,
  authVersion: 'v2',
  enterpriseUrl: 'https://grid.enterprise.slack.com/',
});

const teamQuery = (teamId: string) =>
  ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }) as const;

describe('the installation store on the workspaces collection', () => {
  let database: Awaited<ReturnType<typeof testDatabase>>;
  let models: Models;
  let store: MongoInstallationStore;

  beforeAll(async () => {
    database = await testDatabase();
    models = createModels(database.connection);
    await syncIndexes(models);
    store = new MongoInstallationStore(models.workspaces);
  });
  afterAll(() => database.drop());

  it('stores a workspace install on the team and reads it back without empty fields', async () => {
    await store.storeInstallation(teamInstall('T0ONE', 'xoxb-one'));
    const fetched = await store.fetchInstallation(teamQuery('T0ONE'));
    expect(fetched).toEqual({
      team: { id: 'T0ONE', name: 'Team T0ONE' },
      user: { id: 'U0ADMIN' },
      bot: { token: 'xoxb-one', userId: 'U0BOT', id: 'B0BOT', scopes: ['chat:write'] },
      isEnterpriseInstall: false,
      authVersion: 'v2',
      appId: 'A0APP',
      tokenType: 'bot',
    });
  });

  it('keys an org-wide install by its enterprise id and serves its teams from it', async () => {
    await store.storeInstallation(orgInstall('E0GRID', 'xoxb-org'));
    expect(await models.workspaces.findById('E0GRID').lean()).toMatchObject({
      name: 'Grid Org',
      isEnterpriseInstall: true,
      botUserId: 'U0ORGBOT',
    });
    const fetched = await store.fetchInstallation({
      teamId: 'T0MEMBER',
      enterpriseId: 'E0GRID',
      isEnterpriseInstall: true,
    });
    expect(fetched.bot?.token).toBe('xoxb-org');
    // A member workspace known to belong to the org acts with the org's token.
    await models.workspaces.create({ _id: 'T0MEMBER', enterpriseId: 'E0GRID' });
    expect(await store.botToken('T0MEMBER')).toBe('xoxb-org');
  });

  it('refuses an installation without a bot token', async () => {
    await models.workspaces.create({
      _id: 'T0BROKEN',
      installation: { team: { id: 'T0BROKEN' }, bot: { userId: 'U0BOT' } },
    });
    await expect(store.fetchInstallation(teamQuery('T0BROKEN'))).rejects.toThrow(/unusable/);
    expect(await store.botToken('T0BROKEN')).toBeUndefined();
  });

  it('forgets only the installing user when a user token is revoked', async () => {
    await store.deleteInstallation({ ...teamQuery('T0ONE'), userId: 'U0ADMIN' });
    const fetched = await store.fetchInstallation(teamQuery('T0ONE'));
    expect(fetched.user).toBeUndefined();
    expect(fetched.bot?.token).toBe('xoxb-one');
  });

  it('keeps the settings, name and internal users when the app is uninstalled', async () => {
    const settings = {
      overrides: [{ key: 'requests.config.send_feedback', value: true }],
      locks: ['requests.config.send_feedback'],
      revision: 3,
    };
    await models.workspaces.updateOne(
      { _id: 'T0ONE' },
      { $set: { settings, internalUserIds: ['U0AGENT'] } },
    );
    await store.deleteInstallation(teamQuery('T0ONE'));
    const doc = await models.workspaces.findById('T0ONE').lean();
    expect(doc).toMatchObject({ name: 'Team T0ONE', settings, internalUserIds: ['U0AGENT'] });
    expect(doc?.installation).toBeUndefined();
    expect(doc?.botUserId).toBeUndefined();
    await expect(store.fetchInstallation(teamQuery('T0ONE'))).rejects.toThrow(/no installation/);

    // Installing again brings the token back and still keeps the settings.
    await store.storeInstallation(teamInstall('T0ONE', 'xoxb-one-again'));
    expect(await models.workspaces.findById('T0ONE').lean()).toMatchObject({
      settings,
      installation: { bot: { token: 'xoxb-one-again' } },
    });
  });

  describe('slackFor', () => {
    let sim: SlackSimulator;
    const env = (vars: Record<string, string>) =>
      parseEnv({ SLACK_SIGNING_SECRET: 'test-signing-secret', ...vars }, Env);
    const oauth = {
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'secret',
      SLACK_STATE_SECRET: 'state-secret',
    };
    beforeAll(async () => {
      sim = await SlackSimulator.start({ teamId: 'T0SINGLE', botToken: 'xoxb-single' });
    });
    afterAll(() => sim.close());

    it('uses the installed token per team, and a new client when a re-install changes it', async () => {
      const slackFor = workspaceClients(env(oauth), store, createLogger('silent'));
      const first = await slackFor('T0ONE');
      expect(first.token).toBe('xoxb-one-again');
      expect(await slackFor('T0ONE')).toBe(first);
      await store.storeInstallation(teamInstall('T0ONE', 'xoxb-one-rotated'));
      expect((await slackFor('T0ONE')).token).toBe('xoxb-one-rotated');
      await expect(slackFor('T0NOWHERE')).rejects.toMatchObject({
        code: 'workspace_not_installed',
        message: 'the app is not installed in workspace T0NOWHERE',
      });
    });

    it('falls back to SLACK_BOT_TOKEN only for the team that token belongs to', async () => {
      const slackFor = workspaceClients(
        env({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-single', SLACK_API_URL: sim.url }),
        store,
        createLogger('silent'),
      );
      expect((await slackFor('T0SINGLE')).token).toBe('xoxb-single');
      expect((await slackFor('T0ONE')).token).toBe('xoxb-one-rotated');
      await expect(slackFor('T0NOWHERE')).rejects.toMatchObject({
        code: 'workspace_not_installed',
      });
      expect(sim.calls('auth.test')).toHaveLength(1);
    });

    it('uses SLACK_BOT_TOKEN for every team without OAuth', async () => {
      const slackFor = workspaceClients(
        env({ SLACK_BOT_TOKEN: 'xoxb-single', SLACK_API_URL: sim.url }),
        store,
        createLogger('silent'),
      );
      expect((await slackFor('T0ONE')).token).toBe('xoxb-single');
    });
  });
});
